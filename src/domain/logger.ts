/**
 * The log calls every stage may make: structured fields first, then a message (pino's Logger
 * satisfies it). Consumers that make fewer calls take a `Pick` of it.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** Whether lines of `level` are written (pino's); a logger without it is taken to write none of debug's extras. */
  isLevelEnabled?(level: string): boolean;
}

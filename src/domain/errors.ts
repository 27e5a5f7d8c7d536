export type Stage =
  | 'config'
  | 'ingest'
  | 'normalize'
  | 'store'
  | 'topics'
  | 'rank'
  | 'render'
  | 'deliver'
  | 'subscribers'
  | 'bounces'
  | 'pipeline'
  | 'server'
  | 'cli';

/**
 * The one error class: a code, the stage it came from and a one-line message naming the input.
 * `toString()` gives `[stage] message`, which the CLI prints as is.
 */
export class PaperpostError extends Error {
  readonly code: string;
  readonly stage: Stage;

  constructor(stage: Stage, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaperpostError';
    this.stage = stage;
    this.code = code;
  }

  override toString(): string {
    return `[${this.stage}] ${this.message}`;
  }
}

/** Short reason of any thrown value, for one-line reports. */
export function describeError(err: unknown): string {
  if (err instanceof PaperpostError) return err.message;
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/** Back-off and classification helpers for fetchSource. */

/** 5xx and 429 are worth another try; other statuses are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Exponential back-off with full jitter on top: base * 2^attempt + random(0, base * 2^attempt). */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const step = baseMs * 2 ** attempt;
  return Math.round(step + random() * step);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** One-line reason of a fetch failure: the system error code when there is one (ECONNREFUSED). */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (code && /^E[A-Z_]+$/.test(code)) return `network error ${code}`;
  return err.message.split('\n')[0] ?? err.name;
}

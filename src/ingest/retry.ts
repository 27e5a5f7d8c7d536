/** Retry classification helpers for fetchSource (the back-off itself is domain's `backoffDelay`). */

/** 5xx and 429 are worth another try; other statuses are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** One-line reason of a fetch failure: the system error code when there is one (ECONNREFUSED). */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (code && /^E[A-Z_]+$/.test(code)) return `network error ${code}`;
  return err.message.split('\n')[0] ?? err.name;
}

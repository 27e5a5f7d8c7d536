/**
 * Reads a response body while counting bytes, and gives up as soon as the cap is passed, so a
 * huge (or endlessly streaming, or gzip-bomb) body never sits in memory.
 */
export async function readCapped(
  response: Response,
  maxBytes: number,
  onTooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const encoded = response.headers.get('content-encoding');
  // Content-Length counts compressed bytes; only trust it for an identity body.
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw onTooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw onTooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

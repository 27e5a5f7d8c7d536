/** http(s) URL whose host is this machine (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackUrl(url: string): boolean {
  const match = /^https?:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(url);
  const host = (match?.[1] ?? '').toLowerCase();
  return /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === '[::1]';
}

/** `scheme://host[:port]` of a URL. */
export function originOf(url: string): string {
  return /^https?:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
}

/**
 * The origin users reach the platform at: `FLC_PUBLIC_URL` when set, else the request's own, as
 * a reverse proxy the operator trusts (`FLC_TRUST_PROXY`) reports it. Redirects built on it (the
 * SSO callback, the console) go to the IdP and back to the browser, never to a server-side fetch.
 */
export function publicOrigin(
  request: Request,
  config: { publicUrl?: string | undefined; trustProxy: boolean },
): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const url = new URL(request.url);
  if (config.trustProxy) {
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) {
      try {
        return new URL(`${url.protocol}//${host}`).origin;
      } catch {
        // not a host: keep the request's own
      }
    }
  }
  return url.origin;
}

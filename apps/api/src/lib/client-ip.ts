import type { Server } from 'bun';

/** The caller's address; `X-Forwarded-For` only counts when the operator says a proxy sets it. */
export function clientIp(
  request: Request,
  server: Server<unknown> | null,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return server?.requestIP(request)?.address ?? 'unknown';
}

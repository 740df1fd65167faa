import { createHmac, timingSafeEqual } from 'node:crypto';

/** A verified token's payload: registered claims (`sub`, `exp`, ...) and the platform's own. */
export type TokenClaims = Record<string, unknown>;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A base64url JSON object of a compact JWS, or null for anything else. */
function decodeObject(part: string): Record<string, unknown> | null {
  if (part.length % 4 === 1 || !BASE64URL.test(part)) return null;
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Whether a token's encoded header is one the platform signs (HS256, no critical extensions).
 * Every token of a deployment carries the same few header strings, so the last ones accepted
 * are remembered as strings: a connect storm decodes each header once, not once per token.
 */
const acceptedHeaders = new Set<string>();
function acceptedHeader(part: string): boolean {
  if (acceptedHeaders.has(part)) return true;
  const header = decodeObject(part);
  if (header?.alg !== 'HS256' || header.crit !== undefined) return false;
  if (header.b64 !== undefined && header.b64 !== true) return false;
  if (acceptedHeaders.size >= 16) acceptedHeaders.clear();
  acceptedHeaders.add(part);
  return true;
}

/** A NumericDate claim: absent, or a number (anything else makes the token invalid). */
const numericDate = (value: unknown): number | undefined | null =>
  value === undefined ? undefined : typeof value === 'number' ? value : null;

/**
 * Verifies a platform JWT (agent access token or visitor session token) exactly as the API's
 * `@elysiajs/jwt` plugins sign it: HS256 over the secret string's UTF-8 bytes, `exp` required
 * and enforced with `nbf` (no clock tolerance), `iat` a number when present, no `crit` extensions. Answers the
 * claims, or null for a malformed, forged or expired token. Synchronous (node:crypto's HMAC, on
 * Node and Bun alike), so a realtime node decides an upgrade inside the transport's handler: a
 * connect storm of 10,000 sockets verifies in a few tens of milliseconds, where Web Crypto's async
 * key import and verify cost several times that.
 */
export function verifyPlatformToken(secret: string, token: string): TokenClaims | null {
  if (typeof token !== 'string') return null;
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) return null;
  if (!acceptedHeader(token.slice(0, first))) return null;
  const signature = token.slice(second + 1);
  if (signature.length !== 43 || !BASE64URL.test(signature)) return null;
  const expected = createHmac('sha256', secret).update(token.slice(0, second)).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'base64url'))) return null;
  const claims = decodeObject(token.slice(first + 1, second));
  if (!claims) return null;
  const now = Math.floor(Date.now() / 1000);
  const [iat, nbf, exp] = [claims.iat, claims.nbf, claims.exp].map(numericDate);
  if (iat === null || nbf === null || exp === null) return null;
  if (nbf !== undefined && nbf > now) return null;
  // Every token the platform signs expires: one without `exp` was not signed by it as it is now.
  if (exp === undefined || exp <= now) return null;
  return claims;
}

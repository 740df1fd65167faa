const b64 = (bytes: Uint8Array | string) =>
  Buffer.from(typeof bytes === 'string' ? bytes : bytes).toString('base64url');

/**
 * An HS256 JWT as the API signs them, made with Web Crypto alone. `exp` defaults to a minute from
 * now; pass one to make a token that expires soon or already has.
 */
export async function signToken(secret: string, claims: Record<string, unknown>): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 60;
  const body = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify({ exp, ...claims }))}`;
  const hmac = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(body));
  return `${body}.${b64(new Uint8Array(signature))}`;
}

/** The claims of a token, unverified (tests re-sign them with another `exp`). */
export function tokenClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
}

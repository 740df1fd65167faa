import { errors, jwtVerify } from 'jose';

/** A verified token's payload: registered claims (`sub`, `exp`, ...) and the platform's own. */
export type TokenClaims = Record<string, unknown>;

/**
 * Verifies a platform JWT (agent access token or visitor session token) exactly as the API's
 * `@elysiajs/jwt` plugins sign it: HS256 over the secret string's UTF-8 bytes, `exp` and `nbf`
 * enforced. Answers the claims, or null for a malformed, forged or expired token. Web Crypto
 * only, so realtime nodes verify on Node what the API signed on Bun.
 */
export async function verifyPlatformToken(
  secret: string,
  token: string,
): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
    });
    return payload;
  } catch (error) {
    // Every way a token can be bad is a JOSEError; anything else is a bug worth seeing.
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

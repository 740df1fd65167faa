import type {
  DirectoryAgent,
  DirectoryContact,
  PrincipalDirectory,
} from './principal-directory.ts';
import { verifyPlatformToken } from './tokens.ts';

/** A token's subject as the directory knows it now, with when the token expires (epoch ms). */
export type VerifiedPrincipal =
  | ({ type: 'agent'; expiresAt?: number } & DirectoryAgent)
  | ({ type: 'visitor'; expiresAt?: number } & DirectoryContact);

export type PrincipalCheck =
  | { ok: true; principal: VerifiedPrincipal }
  /** `invalid`: malformed, forged, expired, or of the other kind; `gone`: a valid token whose
   * agent is no longer active, or whose contact (or its environment) was deleted. */
  | { ok: false; reason: 'invalid' | 'gone' };

/**
 * Whether a token was issued before `revokedAt` (epoch ms), by its `iam` claim (issued at, in ms,
 * which agent access tokens carry) or else its `iat` (seconds; none counts as before).
 */
function issuedBefore(claims: Record<string, unknown>, revokedAt: number | undefined): boolean {
  if (revokedAt === undefined) return false;
  const issuedAt =
    typeof claims.iam === 'number'
      ? claims.iam
      : typeof claims.iat === 'number'
        ? claims.iat * 1000
        : undefined;
  return issuedAt === undefined || issuedAt < revokedAt;
}

/**
 * The one check of an agent's access token or a visitor's session token, for REST and the
 * socket alike: the signature and expiry, then the subject read back from the directory, so a
 * disabled agent or a deleted contact is refused on the very next request or connect.
 */
export async function checkPrincipal(
  secret: string,
  directory: PrincipalDirectory,
  token: string,
  expected?: VerifiedPrincipal['type'],
): Promise<PrincipalCheck> {
  const claims = await verifyPlatformToken(secret, token);
  if (!claims || typeof claims.sub !== 'string') return { ok: false, reason: 'invalid' };
  if (expected && claims.typ !== expected) return { ok: false, reason: 'invalid' };
  const expiry = typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {};
  if (claims.typ === 'agent') {
    const agent = await directory.activeAgent(claims.sub);
    if (agent && issuedBefore(claims, agent.sessionsRevokedAt))
      return { ok: false, reason: 'gone' };
    return agent
      ? { ok: true, principal: { type: 'agent', ...agent, ...expiry } }
      : { ok: false, reason: 'gone' };
  }
  if (claims.typ !== 'visitor' || typeof claims.env !== 'string') {
    return { ok: false, reason: 'invalid' };
  }
  const contact = await directory.contact(claims.sub, claims.env);
  return contact
    ? { ok: true, principal: { type: 'visitor', ...contact, ...expiry } }
    : { ok: false, reason: 'gone' };
}

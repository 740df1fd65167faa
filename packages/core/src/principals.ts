import type {
  DirectoryAgent,
  DirectoryContact,
  PrincipalDirectory,
} from './principal-directory.ts';
import { type TokenClaims, verifyPlatformToken } from './tokens.ts';

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
 * A token whose signature, expiry and shape are good, before the directory is asked about its
 * subject: enough to open a socket, never to let it act.
 */
export type VerifiedToken =
  | { type: 'agent'; id: string; claims: TokenClaims; expiresAt?: number }
  | { type: 'visitor'; id: string; environmentId: string; claims: TokenClaims; expiresAt?: number };

/** The synchronous half of `checkPrincipal`: null for a token the platform would refuse as such. */
export function verifyPrincipalToken(
  secret: string,
  token: string,
  expected?: VerifiedPrincipal['type'],
): VerifiedToken | null {
  const claims = verifyPlatformToken(secret, token);
  if (!claims || typeof claims.sub !== 'string') return null;
  if (expected && claims.typ !== expected) return null;
  const expiry = typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {};
  const subject = { id: claims.sub, claims, ...expiry };
  if (claims.typ === 'agent') return { type: 'agent', ...subject };
  if (claims.typ !== 'visitor' || typeof claims.env !== 'string') return null;
  return { type: 'visitor', environmentId: claims.env, ...subject };
}

/**
 * The asynchronous half of `checkPrincipal`: the verified token's subject read back from the
 * directory, so a disabled agent or a deleted contact is refused on the very next request or
 * connect.
 */
export async function resolvePrincipal(
  directory: PrincipalDirectory,
  token: VerifiedToken,
): Promise<PrincipalCheck> {
  const expiry = token.expiresAt === undefined ? {} : { expiresAt: token.expiresAt };
  if (token.type === 'agent') {
    const agent = await directory.activeAgent(token.id);
    if (!agent || issuedBefore(token.claims, agent.sessionsRevokedAt)) {
      return { ok: false, reason: 'gone' };
    }
    return { ok: true, principal: { type: 'agent', ...agent, ...expiry } };
  }
  const contact = await directory.contact(token.id, token.environmentId);
  return contact
    ? { ok: true, principal: { type: 'visitor', ...contact, ...expiry } }
    : { ok: false, reason: 'gone' };
}

/**
 * The one check of an agent's access token or a visitor's session token, for REST and the
 * socket alike: the signature and expiry, then the subject read back from the directory.
 */
export async function checkPrincipal(
  secret: string,
  directory: PrincipalDirectory,
  token: string,
  expected?: VerifiedPrincipal['type'],
): Promise<PrincipalCheck> {
  const verified = verifyPrincipalToken(secret, token, expected);
  return verified ? resolvePrincipal(directory, verified) : { ok: false, reason: 'invalid' };
}

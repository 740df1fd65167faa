import { type PrincipalDirectory, verifyPrincipalToken } from '@flc/core';
import { ApiError } from './errors.ts';

/** What every credential of a suspended organization gets: its data is kept, access is not. */
export const organizationSuspended = () =>
  new ApiError(
    403,
    'organization_suspended',
    "This organization is suspended by the platform's operators; its data is kept",
  );

/** Refuses (403 `organization_suspended`) when the organization is suspended. */
export async function refuseSuspended(
  principals: Pick<PrincipalDirectory, 'organizationSuspended'>,
  organizationId: string,
): Promise<void> {
  if (await principals.organizationSuspended?.(organizationId)) throw organizationSuspended();
}

/**
 * A token the directory answered "gone" for: the directory says gone for every agent and
 * contact of a suspended organization, so the token's `org` claim (signed with it) tells a
 * suspension (403 `organization_suspended`) from a removed subject (the caller's 401), as the
 * socket's admission does. Asked on that path only: a good token costs nothing more.
 */
export async function refuseSuspendedToken(
  deps: { jwtSecret: string; principals: Pick<PrincipalDirectory, 'organizationSuspended'> },
  token: string,
): Promise<void> {
  const org = verifyPrincipalToken(deps.jwtSecret, token)?.claims.org;
  if (typeof org === 'string') await refuseSuspended(deps.principals, org);
}

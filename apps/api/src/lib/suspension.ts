import { verifyPrincipalToken } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';
import { ApiError } from './errors.ts';

/** What every credential of a suspended organization gets: its data is kept, access is not. */
export const organizationSuspended = () =>
  new ApiError(
    403,
    'organization_suspended',
    "This organization is suspended by the platform's operators; its data is kept",
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses (403 `organization_suspended`) when the organization is suspended. */
export async function refuseSuspended(sql: Sql, organizationId: string): Promise<void> {
  if (!UUID.test(organizationId)) return;
  const [row] = await sql`
    select 1 from organizations where id = ${organizationId} and suspended_at is not null`;
  if (row) throw organizationSuspended();
}

/**
 * A token the directory answered "gone" for: the directory says gone for every agent and
 * contact of a suspended organization, so the token's `org` claim (signed with it) tells a
 * suspension (403 `organization_suspended`) from a removed subject (the caller's 401). Asked on
 * that path only: a good token costs nothing more.
 */
export async function refuseSuspendedToken(sql: Sql, secret: string, token: string) {
  const org = verifyPrincipalToken(secret, token)?.claims.org;
  if (typeof org === 'string') await refuseSuspended(sql, org);
}

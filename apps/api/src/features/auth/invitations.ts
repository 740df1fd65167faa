import type { Sql, TransactionSql } from '@flc/storage/postgres';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';

export interface NewInvitation {
  organizationId: string;
  agentId: string;
  invitedBy: string;
  ttlSeconds: number;
}

export interface IssuedInvitation {
  token: string;
  /** ISO-8601: the token stops working then. */
  expiresAt: string;
}

/** Creates an invitation and returns its token; only the token's hash is stored. */
export async function createInvitation(
  sql: Sql | TransactionSql,
  inv: NewInvitation,
): Promise<IssuedInvitation> {
  const token = randomToken('flc_inv_', 32);
  const [row] = await sql<{ expires_at: Date }[]>`
    insert into invitations (id, organization_id, agent_id, invited_by, token_hash, expires_at)
    values (${newId()}, ${inv.organizationId}, ${inv.agentId}, ${inv.invitedBy}, ${hashSecret(token)},
            now() + make_interval(secs => ${inv.ttlSeconds}))
    returning expires_at`;
  if (!row) throw new Error('insert into invitations returned no row');
  return { token, expiresAt: row.expires_at.toISOString() };
}

export interface InvitationPreviewRow {
  organization_name: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'agent';
  expires_at: Date;
}

/**
 * What a live token invites to, or undefined for a token that is unknown, used, replaced,
 * expired, or whose agent is gone or already joined: the caller cannot tell which.
 */
export async function findLiveInvitation(sql: Sql, token: string) {
  const [row] = await sql<InvitationPreviewRow[]>`
    select o.name as organization_name, a.email, a.name, a.role, i.expires_at
    from invitations i
    join agents a on a.id = i.agent_id and a.organization_id = i.organization_id
    join organizations o on o.id = i.organization_id
    where i.token_hash = ${hashSecret(token)} and i.accepted_at is null
      and i.expires_at > now() and a.status = 'invited'`;
  return row;
}

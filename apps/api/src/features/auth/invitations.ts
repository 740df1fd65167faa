import type { Sql, TransactionSql } from '@flc/storage/postgres';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';

export interface NewInvitation {
  organizationId: string;
  agentId: string;
  invitedBy: string;
  ttlSeconds: number;
}

/** Creates an invitation and returns its token; only the token's hash is stored. */
export async function createInvitation(
  sql: Sql | TransactionSql,
  inv: NewInvitation,
): Promise<string> {
  const token = randomToken('flc_inv_', 32);
  await sql`
    insert into invitations (id, organization_id, agent_id, invited_by, token_hash, expires_at)
    values (${newId()}, ${inv.organizationId}, ${inv.agentId}, ${inv.invitedBy}, ${hashSecret(token)},
            now() + make_interval(secs => ${inv.ttlSeconds}))`;
  return token;
}

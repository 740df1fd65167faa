import { uuidv7 } from '@flc/core';
import type { AuditOrigin, JsonValue, Queryable, Sql } from '@flc/storage/postgres';
import { decodeCursor, toPage } from '../../lib/pagination.ts';

/** Who acted: the operator as it was then (its email kept, the log outlives the account). */
export interface OperatorActor {
  id: string | null;
  email: string;
}

/** An operator's request: who and from where, for the services that record what it does. */
export interface OperatorContext {
  operator: OperatorActor;
  origin: AuditOrigin;
}

/**
 * Appends one event to the operators' own log (`operator_events`), in the transaction of the
 * action when there is one. Details are small facts, never a password, token or secret.
 */
export async function recordOperatorEvent(
  sql: Queryable,
  context: OperatorContext,
  action: string,
  organizationId: string | null = null,
  details: Record<string, JsonValue> = {},
): Promise<void> {
  await sql`
    insert into operator_events
      (id, operator_id, operator_email, action, organization_id, ip, user_agent, details)
    values (${uuidv7()}, ${context.operator.id}, ${context.operator.email.slice(0, 254)},
      ${action}, ${organizationId}, ${context.origin.ip?.slice(0, 64) ?? null},
      ${context.origin.userAgent?.slice(0, 200) ?? null}, ${sql.json(details)})`;
}

/** How a tenant's own audit log names an operator: the platform, not the person. */
export const operatorInTenantLog = {
  kind: 'system' as const,
  id: null,
  label: 'Platform operator',
};

interface EventRow {
  id: string;
  occurred_at: Date;
  operator_id: string | null;
  operator_email: string;
  action: string;
  organization_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

/** The operators' log, newest first (ids are UUIDv7: by id), one page of it. */
export async function listOperatorEvents(
  sql: Sql,
  query: { organizationId?: string; action?: string; limit?: number; cursor?: string },
) {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor);
  const rows = await sql<EventRow[]>`
    select id, occurred_at, operator_id, operator_email, action, organization_id, ip,
      user_agent, details
    from operator_events
    where true
      ${query.organizationId ? sql`and organization_id = ${query.organizationId}` : sql``}
      ${query.action ? sql`and starts_with(action, ${query.action})` : sql``}
      ${after ? sql`and id < ${after}` : sql``}
    order by id desc
    limit ${limit + 1}`;
  return toPage(rows, limit, (r) => ({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    operator: { id: r.operator_id, email: r.operator_email },
    action: r.action,
    organizationId: r.organization_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: r.details,
  }));
}

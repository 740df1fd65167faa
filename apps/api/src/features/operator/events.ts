import { uuidv7 } from '@flc/core';
import type { AuditOrigin, JsonValue, Queryable } from '@flc/storage/postgres';

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

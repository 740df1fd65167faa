import { uuidv7 } from '@flc/core';
import type { JsonValue, Queryable } from './database.ts';

/** Who did it, with a label (name, email, key name) captured at the time. */
export interface AuditActor {
  kind: 'agent' | 'api_key' | 'system' | 'anonymous';
  /** The agent's or key's id; null for the system and for anonymous callers. */
  id: string | null;
  label: string;
}

/** Where the request came from, when a request did it. */
export interface AuditOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Who and from where: what a request hands the services that record what it does. */
export interface AuditContext {
  actor: AuditActor;
  origin?: AuditOrigin | undefined;
}

export interface AuditEntry extends AuditContext {
  organizationId: string;
  /** Dotted, lower case, past tense: `agent.role_changed`, `auth.login.failed`. */
  action: string;
  target?: { type: string; id: string } | undefined;
  /** Small facts (a role before and after): never a secret, token, password or message body. */
  details?: Record<string, JsonValue> | undefined;
}

/** Detail names that would put a credential in the log: a programming error, refused outright. */
const forbiddenKey = /secret|token|password|passwd|hash|signature|credential|body/i;
/**
 * Values shaped like one of our credentials. They can come from what a user typed (a key named
 * `flc_sk_…`), so they are blanked rather than refused: the action goes through, the log keeps
 * no lookalike.
 */
const credentialValue = /flc_(sk|rt|inv)_|whsec_|^[0-9a-f]{64}$/i;
export const REDACTED = '[redacted]';

function withoutSecrets(value: JsonValue, path: string): JsonValue {
  if (typeof value === 'string') return credentialValue.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item, i) => withoutSecrets(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const clean: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (forbiddenKey.test(key)) throw new Error(`audit details may not name ${path}.${key}`);
      clean[key] = withoutSecrets(item as JsonValue, `${path}.${key}`);
    }
    return clean;
  }
  return value;
}

const clip = (text: string | null | undefined, max: number) => (text ? text.slice(0, max) : null);

/**
 * Appends one event to the organization's audit log. Call it with the transaction of the action
 * it records, so that the action and its event commit together or not at all:
 *
 *     await recordAudit(tx, { ...audit, organizationId, action: 'agent.disabled', target });
 *
 * Rows are append-only (the database refuses UPDATE and DELETE).
 */
export async function recordAudit(sql: Queryable, entry: AuditEntry): Promise<void> {
  const details = withoutSecrets(entry.details ?? {}, 'details');
  await sql`
    insert into audit_events (id, organization_id, actor_kind, actor_id, actor_label, action,
      target_type, target_id, ip, user_agent, details)
    values (${uuidv7()}, ${entry.organizationId}, ${entry.actor.kind}, ${entry.actor.id},
      ${clip(withoutSecrets(entry.actor.label, 'label') as string, 200) ?? ''}, ${entry.action}, ${entry.target?.type ?? null},
      ${entry.target?.id ?? null}, ${clip(entry.origin?.ip, 64)},
      ${clip(entry.origin?.userAgent, 200)}, ${sql.json(details)})`;
}

/** The actor of what the platform does on its own (the webhook dispatcher disabling a webhook). */
export const systemActor: AuditActor = { kind: 'system', id: null, label: 'Fast Light Chat' };

import type { AuditEvent } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery, Timestamp } from '../../lib/models.ts';

export const AuditEventsQuery = t.Composite([
  ListQuery,
  t.Object({
    action: t.Optional(
      t.String({
        pattern: '^[a-z0-9_.]+$',
        maxLength: 100,
        description: 'Events whose action starts with this: `agent.` or `auth.login.failed`',
      }),
    ),
    actorId: t.Optional(Id),
    from: t.Optional({ ...Timestamp, description: 'Events at or after this time' }),
    to: t.Optional({ ...Timestamp, description: 'Events before this time' }),
  }),
]);
export type AuditEventsQuery = typeof AuditEventsQuery.static;

export interface AuditEventRow {
  id: string;
  occurred_at: Date;
  /** `occurred_at` in microseconds, for the cursor. */
  activity_key: string;
  actor_kind: AuditEvent['actor']['kind'];
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

export const toAuditEvent = (r: AuditEventRow): AuditEvent => ({
  id: r.id,
  occurredAt: r.occurred_at.toISOString(),
  actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
  action: r.action,
  target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
  ip: r.ip,
  userAgent: r.user_agent,
  details: r.details,
});

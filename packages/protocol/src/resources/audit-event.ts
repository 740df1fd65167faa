import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const AuditActorKind = T.Union([
  T.Literal('agent'),
  T.Literal('api_key'),
  T.Literal('system'),
  T.Literal('anonymous'),
]);
export type AuditActorKind = Static<typeof AuditActorKind>;

/** One entry of an organization's audit log, as `GET /v1/audit-events` lists it. */
export const AuditEvent = T.Object({
  id: Id,
  occurredAt: Timestamp,
  actor: T.Object({
    kind: AuditActorKind,
    id: Nullable(Id),
    label: T.String({ description: 'The name (and email) of the actor at the time' }),
  }),
  action: T.String({
    description:
      'Dotted, past tense: `auth.login.failed`, `agent.role_changed`, `webhook.created`…',
  }),
  target: Nullable(T.Object({ type: T.String(), id: Id })),
  ip: Nullable(T.String()),
  userAgent: Nullable(T.String()),
  details: T.Record(T.String(), T.Unknown(), {
    description: 'Small facts such as a role before and after; never a secret or a message',
  }),
});
export type AuditEvent = Static<typeof AuditEvent>;

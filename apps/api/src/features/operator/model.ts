import { t } from 'elysia';

/** GET /v1/operator/tenants. */
export const TenantsQuery = t.Object({
  q: t.Optional(
    t.String({
      maxLength: 200,
      description: "Part of the tenant's name or of an agent's email (any case), or its exact id",
    }),
  ),
  status: t.Optional(t.Union([t.Literal('active'), t.Literal('suspended')])),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: t.Optional(t.String({ maxLength: 200 })),
});
export type TenantsQuery = typeof TenantsQuery.static;

/** GET /v1/operator/events. */
export const OperatorEventsQuery = t.Object({
  organizationId: t.Optional(t.String({ format: 'uuid', description: 'One tenant only' })),
  action: t.Optional(
    t.String({
      pattern: '^[a-z0-9_.]+$',
      maxLength: 100,
      description: 'Events whose action starts with this: `tenant.` or `operator.sign_in_failed`',
    }),
  ),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: t.Optional(t.String({ maxLength: 200 })),
});
export type OperatorEventsQuery = typeof OperatorEventsQuery.static;

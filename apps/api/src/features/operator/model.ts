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

/** At most this many days in one usage report: a year, leap day included. */
export const MAX_USAGE_DAYS = 366;

/** GET /v1/operator/usage. */
export const UsageQuery = t.Object({
  from: t.Optional(
    t.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'The first UTC day (`YYYY-MM-DD`); default: the first of `to`’s month',
    }),
  ),
  to: t.Optional(
    t.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: `The last UTC day, included; default: today. At most ${MAX_USAGE_DAYS} days in all`,
    }),
  ),
  organizationId: t.Optional(t.String({ format: 'uuid', description: 'One tenant only' })),
  format: t.Optional(
    t.Union([t.Literal('json'), t.Literal('csv')], {
      description:
        'The answer’s format; default: `csv` when `Accept` asks for `text/csv`, else `json`',
    }),
  ),
});
export type UsageQuery = typeof UsageQuery.static;

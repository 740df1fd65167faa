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

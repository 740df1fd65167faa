import { type Static, Type as T } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.ts';

/**
 * Plans (/v1/operator/plans): what a tenant may have and send. A limit that is absent or null
 * is not limited by the plan; the install's own FLC_* limits hold either way, and the lower of
 * the two wins. A tenant's overrides have the same shapes and win over its plan's values.
 */

const Count = (description: string) =>
  Nullable(T.Integer({ minimum: 0, maximum: 1e9 }), { description });

export const PlanLimits = T.Object(
  {
    agents: T.Optional(Count('Agents: active ones and open invitations')),
    environments: T.Optional(Count('Environments')),
    messagesPerMonth: T.Optional(
      Count('Messages and notes sent since the first of the month, 00:00 UTC, by anyone'),
    ),
    attachmentBytes: T.Optional(Count("Bytes of the tenant's stored attachments")),
    webhooks: T.Optional(Count('Webhook endpoints')),
    apiKeyRequestsPerSecond: T.Optional(Count('Requests per second per API key')),
    sendsPerSecond: T.Optional(
      Count('Messages per second of the whole organization, every node together'),
    ),
  },
  { additionalProperties: false },
);
export type PlanLimits = Static<typeof PlanLimits>;
export type PlanLimit = keyof PlanLimits;

/** Capabilities a plan can switch off; absent means on. */
export const PlanFeatures = T.Object(
  {
    attachments: T.Optional(T.Boolean()),
    webhooks: T.Optional(T.Boolean()),
    apiKeys: T.Optional(T.Boolean()),
    sso: T.Optional(T.Boolean()),
    emailContinuity: T.Optional(T.Boolean()),
    reports: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
export type PlanFeatures = Static<typeof PlanFeatures>;
export type PlanFeature = keyof PlanFeatures;

export const PlanId = T.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$', description: 'A slug' });

export const Plan = T.Object({
  id: PlanId,
  name: T.String({ minLength: 1, maxLength: 100 }),
  limits: PlanLimits,
  features: PlanFeatures,
  source: T.Union([T.Literal('api'), T.Literal('config')], {
    description: '`config`: from FLC_PLANS_FILE, read-only here',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Plan = Static<typeof Plan>;

/** A tenant's overrides of its plan: a key present wins (null = unlimited). */
export const PlanOverrides = T.Object(
  { limits: T.Optional(PlanLimits), features: T.Optional(PlanFeatures) },
  { additionalProperties: false },
);
export type PlanOverrides = Static<typeof PlanOverrides>;

/** POST /v1/operator/plans. */
export const PlanCreate = T.Object(
  {
    id: PlanId,
    name: T.String({ minLength: 1, maxLength: 100 }),
    limits: T.Optional(PlanLimits),
    features: T.Optional(PlanFeatures),
  },
  { additionalProperties: false },
);
export type PlanCreate = Static<typeof PlanCreate>;

/** PUT /v1/operator/plans/:id: the whole plan but its id (what is left out is unlimited / on). */
export const PlanUpdate = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 100 }),
    limits: T.Optional(PlanLimits),
    features: T.Optional(PlanFeatures),
  },
  { additionalProperties: false },
);
export type PlanUpdate = Static<typeof PlanUpdate>;

/** PUT /v1/operator/tenants/:id/plan. */
export const TenantPlanBody = T.Object(
  {
    planId: Nullable(PlanId, {
      description: 'The plan; null: none (then FLC_DEFAULT_PLAN applies, when set)',
    }),
    overrides: T.Optional(PlanOverrides),
  },
  { additionalProperties: false },
);
export type TenantPlanBody = Static<typeof TenantPlanBody>;

const Applied = Nullable(T.Integer({ minimum: 0 }), {
  description: 'Null: not limited by the plan',
});

/** Every limit as it applies to a tenant (its plan with its overrides). */
export const EffectiveLimits = T.Object({
  agents: Applied,
  environments: Applied,
  messagesPerMonth: Applied,
  attachmentBytes: Applied,
  webhooks: Applied,
  apiKeyRequestsPerSecond: Applied,
  sendsPerSecond: Applied,
});

/** Every capability as it applies to a tenant: on unless switched off. */
export const EffectiveFeatures = T.Object({
  attachments: T.Boolean(),
  webhooks: T.Boolean(),
  apiKeys: T.Boolean(),
  sso: T.Boolean(),
  emailContinuity: T.Boolean(),
  reports: T.Boolean(),
});

/** A tenant's plan as the operators see it: its own choice, overrides, and what applies. */
export const TenantPlan = T.Object({
  planId: Nullable(PlanId, { description: "The tenant's own plan; null: none chosen" }),
  overrides: PlanOverrides,
  effective: T.Object({
    planId: Nullable(PlanId, {
      description: 'The plan that applies: its own, else FLC_DEFAULT_PLAN, else none',
    }),
    limits: EffectiveLimits,
    features: EffectiveFeatures,
  }),
});
export type TenantPlan = Static<typeof TenantPlan>;

/** One limit of GET /v1/organization/plan: what the plan allows and what the tenant uses. */
export const PlanUsageRow = T.Object({
  limit: Nullable(T.Integer({ minimum: 0 }), { description: 'Null: unlimited' }),
  used: Nullable(T.Integer({ minimum: 0 }), {
    description: 'Null for rates (per second): they are not a standing count',
  }),
});
export type PlanUsageRow = Static<typeof PlanUsageRow>;

/** GET /v1/organization/plan: the tenant's plan and its usage against each limit. */
export const OrganizationPlan = T.Object({
  plan: Nullable(T.Object({ id: PlanId, name: T.String() }), {
    description: 'Null: no plan (nothing is limited by one)',
  }),
  limits: T.Object({
    agents: PlanUsageRow,
    environments: PlanUsageRow,
    messagesPerMonth: PlanUsageRow,
    attachmentBytes: PlanUsageRow,
    webhooks: PlanUsageRow,
    apiKeyRequestsPerSecond: PlanUsageRow,
    sendsPerSecond: PlanUsageRow,
  }),
  features: EffectiveFeatures,
});
export type OrganizationPlan = Static<typeof OrganizationPlan>;

/** FLC_PLANS_FILE: a list of plans, each as POST /v1/operator/plans takes it. */
export const PlanList = T.Array(PlanCreate, { maxItems: 1000 });
export type PlanList = Static<typeof PlanList>;

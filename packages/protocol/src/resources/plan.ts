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

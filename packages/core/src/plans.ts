import type {
  PlanFeature,
  PlanFeatures,
  PlanLimit,
  PlanLimits,
  PlanOverrides,
} from '@flc/protocol/resources';

/** A tenant's plan as it applies now: its plan's values with its overrides laid over them. */
export interface EffectivePlan {
  /** Null: no plan (and no FLC_DEFAULT_PLAN): nothing limited beyond the install's limits. */
  planId: string | null;
  /** Each limit: a number, or null when the plan does not limit it. */
  limits: Record<PlanLimit, number | null>;
  /** Each capability: on unless the plan or an override switched it off. */
  features: Record<PlanFeature, boolean>;
}

const LIMITS: PlanLimit[] = [
  'agents',
  'environments',
  'messagesPerMonth',
  'attachmentBytes',
  'webhooks',
  'apiKeyRequestsPerSecond',
  'sendsPerSecond',
];
const FEATURES: PlanFeature[] = [
  'attachments',
  'webhooks',
  'apiKeys',
  'sso',
  'emailContinuity',
  'reports',
];

/** What a plan and a tenant's overrides come to; `plan` null when the tenant has none. */
export function effectivePlan(
  plan: { id: string; limits: PlanLimits; features: PlanFeatures } | null,
  overrides: PlanOverrides = {},
): EffectivePlan {
  const limits = {} as EffectivePlan['limits'];
  for (const key of LIMITS) {
    const own = overrides.limits;
    limits[key] = own && key in own ? (own[key] ?? null) : (plan?.limits[key] ?? null);
  }
  const features = {} as EffectivePlan['features'];
  for (const key of FEATURES) {
    features[key] = overrides.features?.[key] ?? plan?.features[key] ?? true;
  }
  return { planId: plan?.id ?? null, limits, features };
}

/**
 * The lower of an install-wide limit (`FLC_*`, where 0 or less means off) and a plan's (null:
 * none): what applies to one tenant. Null when neither limits it.
 */
export function lowerLimit(install: number, plan: number | null): number | null {
  const own = install > 0 ? install : null;
  if (plan === null) return own;
  return own === null ? plan : Math.min(own, plan);
}

/**
 * Each tenant's effective plan, read from the platform's store. Implementations batch the
 * lookups of one tick and keep answers briefly (a plan change reaches every process within
 * that time). Implementation: PostgreSQL.
 */
export interface PlanDirectory {
  planOf(organizationId: string): Promise<EffectivePlan>;
  /**
   * Forgets what this process holds for the tenant (its plan changed), or for every tenant
   * (a plan itself changed, or plan changes may have been missed).
   */
  forget?(organizationId?: string): void;
  /** Tells `listener` of every `forget`, so caches over this directory forget too. */
  onForget?(listener: (organizationId: string | undefined) => void): void;
}

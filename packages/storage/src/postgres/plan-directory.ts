import { type EffectivePlan, effectivePlan, type PlanDirectory } from '@flc/core';
import type { PlanFeature, PlanFeatures, PlanLimits, PlanOverrides } from '@flc/protocol/resources';
import type { Queryable, Sql } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';

interface PlanRow {
  id: string;
  plan_id: string | null;
  limits: PlanLimits | null;
  features: PlanFeatures | null;
  plan_overrides: PlanOverrides;
}

/** How long a process keeps a tenant's plan: a change made elsewhere applies within it. */
export const PLAN_CACHE_MS = 10_000;

/**
 * Tenants' effective plans from `organizations` and `plans`: one query per tick for every tenant
 * asked in it, kept `PLAN_CACHE_MS`. A tenant without a plan gets `defaultPlan` (FLC_DEFAULT_PLAN)
 * when one is named, else no plan. An unknown tenant has no plan (its requests are refused
 * elsewhere).
 */
export class PostgresPlanDirectory implements PlanDirectory {
  private readonly load;
  private readonly kept = new Map<string, { plan: Promise<EffectivePlan>; until: number }>();
  private readonly listeners: ((organizationId: string | undefined) => void)[] = [];

  constructor(
    sql: Sql,
    defaultPlan: string | null = null,
    private readonly now = Date.now,
  ) {
    this.load = tickBatch(async (ids) => {
      const rows = await sql<PlanRow[]>`
        select o.id, p.id as plan_id, p.limits, p.features, o.plan_overrides
        from organizations o
          left join plans p on p.id = coalesce(o.plan_id, ${defaultPlan}::text)
        where o.id = any(${ids.filter(isUuid)}::uuid[])`;
      return new Map(
        rows.map((r) => [
          r.id,
          effectivePlan(
            r.plan_id
              ? { id: r.plan_id, limits: r.limits ?? {}, features: r.features ?? {} }
              : null,
            r.plan_overrides,
          ),
        ]),
      );
    });
  }

  planOf(organizationId: string): Promise<EffectivePlan> {
    const now = this.now();
    const kept = this.kept.get(organizationId);
    if (kept && kept.until > now) return kept.plan;
    const plan = this.load(organizationId).then((found) => found ?? effectivePlan(null));
    // A failed read is not kept: the next request asks again.
    plan.catch(() => this.kept.delete(organizationId));
    if (this.kept.size > 50_000) this.kept.clear();
    this.kept.set(organizationId, { plan, until: now + PLAN_CACHE_MS });
    return plan;
  }

  forget(organizationId?: string): void {
    if (organizationId === undefined) this.kept.clear();
    else this.kept.delete(organizationId);
    for (const listener of this.listeners) listener(organizationId);
  }

  onForget(listener: (organizationId: string | undefined) => void): void {
    this.listeners.push(listener);
  }
}

/**
 * SQL: whether the organization aliased `o` has `feature` on by its plan (its override, else its
 * plan's, else `defaultPlan`'s, else on), for queries that decide in the database (the mail
 * queues), where the per-process directory is not at hand.
 */
export const planFeatureOn = (
  sql: Queryable,
  feature: PlanFeature,
  defaultPlan: string | null,
) => sql`coalesce(
  (o.plan_overrides -> 'features' ->> ${feature})::boolean,
  (select (p.features ->> ${feature})::boolean from plans p
   where p.id = coalesce(o.plan_id, ${defaultPlan}::text)),
  true)`;

import { checkPlanList } from '@flc/protocol/plan-list';
import type { PlanList } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';

/** FLC_PLANS_FILE or FLC_DEFAULT_PLAN is wrong: start-up stops with every problem named. */
export class PlansConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid plans configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlansConfigError';
  }
}

/** Reads and checks FLC_PLANS_FILE: its plans, or a PlansConfigError naming each wrong field. */
export async function readPlansFile(path: string): Promise<PlanList> {
  const file = Bun.file(path);
  if (!(await file.exists())) throw new PlansConfigError([`FLC_PLANS_FILE ${path}: no such file`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (error) {
    throw new PlansConfigError([
      `FLC_PLANS_FILE ${path}: not valid JSON (${(error as Error).message})`,
    ]);
  }
  const checked = checkPlanList(parsed);
  if (!checked.ok) {
    throw new PlansConfigError(checked.problems.map((p) => `FLC_PLANS_FILE ${path}: ${p}`));
  }
  return checked.plans;
}

/**
 * At start-up (API and standalone): writes the plans of FLC_PLANS_FILE as `source: 'config'`
 * (an api plan of the same id becomes the file's), then checks FLC_DEFAULT_PLAN names a plan.
 * A plan dropped from the file stays, as it may be in use; it keeps `source: 'config'`.
 */
export async function applyConfiguredPlans(
  sql: Sql,
  config: { plansFile?: string | undefined; defaultPlan?: string | undefined },
): Promise<number> {
  const plans = config.plansFile ? await readPlansFile(config.plansFile) : [];
  if (plans.length > 0) {
    await sql.begin(async (tx) => {
      for (const plan of plans) {
        await tx`
          insert into plans (id, name, limits, features, source)
          values (${plan.id}, ${plan.name}, ${tx.json(plan.limits ?? {})},
            ${tx.json(plan.features ?? {})}, 'config')
          on conflict (id) do update set name = excluded.name, limits = excluded.limits,
            features = excluded.features, source = 'config', updated_at = now()
          where (plans.name, plans.limits, plans.features, plans.source)
            is distinct from (excluded.name, excluded.limits, excluded.features, 'config')`;
      }
    });
  }
  if (config.defaultPlan) {
    const [found] = await sql`select 1 from plans where id = ${config.defaultPlan}`;
    if (!found) {
      throw new PlansConfigError([
        `FLC_DEFAULT_PLAN "${config.defaultPlan}" is not a plan (FLC_PLANS_FILE or /v1/operator/plans)`,
      ]);
    }
  }
  return plans.length;
}

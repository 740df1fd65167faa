import { announcePlanChanged, type Bus, type PlanDirectory } from '@flc/core';
import type {
  Plan,
  PlanCreate,
  PlanFeatures,
  PlanLimits,
  PlanOverrides,
  PlanUpdate,
  TenantPlan,
  TenantPlanBody,
} from '@flc/protocol/resources';
import { isUniqueViolation, recordAudit, type Sql } from '@flc/storage/postgres';
import { ApiError, conflict, notFound } from '../../lib/errors.ts';
import {
  type OperatorContext,
  operatorInTenantLog,
  recordOperatorEvent,
} from '../operator/events.ts';

interface PlanRow {
  id: string;
  name: string;
  limits: PlanLimits;
  features: PlanFeatures;
  source: 'api' | 'config';
  created_at: Date;
  updated_at: Date;
}

const toPlan = (r: PlanRow): Plan => ({
  id: r.id,
  name: r.name,
  limits: r.limits,
  features: r.features,
  source: r.source,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const readOnly = () =>
  new ApiError(
    409,
    'plan_read_only',
    'This plan comes from FLC_PLANS_FILE: change it there and restart',
  );

/**
 * The operators' plans and which plan each tenant is on. A change is announced on the bus once
 * committed: every process (this one included) forgets what it held of it and reads it again.
 */
export class PlanService {
  constructor(
    private readonly sql: Sql,
    private readonly directory: PlanDirectory,
    private readonly bus: Pick<Bus, 'signal'>,
  ) {}

  async list(): Promise<Plan[]> {
    const rows = await this.sql<PlanRow[]>`select * from plans order by id`;
    return rows.map(toPlan);
  }

  async get(id: string): Promise<Plan> {
    const [row] = await this.sql<PlanRow[]>`select * from plans where id = ${id}`;
    if (!row) throw notFound('Plan');
    return toPlan(row);
  }

  async create(context: OperatorContext, input: PlanCreate): Promise<Plan> {
    try {
      const row = await this.sql.begin(async (tx) => {
        const [row] = await tx<PlanRow[]>`
          insert into plans (id, name, limits, features, source)
          values (${input.id}, ${input.name}, ${tx.json(input.limits ?? {})},
            ${tx.json(input.features ?? {})}, 'api')
          returning *`;
        await recordOperatorEvent(tx, context, 'plan.created', null, { plan: input.id });
        return row as PlanRow;
      });
      return toPlan(row);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('A plan has this id already');
      throw e;
    }
  }

  async update(context: OperatorContext, id: string, input: PlanUpdate): Promise<Plan> {
    const row = await this.sql.begin(async (tx) => {
      const [found] = await tx<PlanRow[]>`select * from plans where id = ${id} for update`;
      if (!found) throw notFound('Plan');
      if (found.source === 'config') throw readOnly();
      const [row] = await tx<PlanRow[]>`
        update plans set name = ${input.name}, limits = ${tx.json(input.limits ?? {})},
          features = ${tx.json(input.features ?? {})}, updated_at = now()
        where id = ${id} returning *`;
      await recordOperatorEvent(tx, context, 'plan.updated', null, { plan: id });
      return row as PlanRow;
    });
    await announcePlanChanged(this.bus, null);
    return toPlan(row);
  }

  async remove(context: OperatorContext, id: string): Promise<void> {
    await this.sql.begin(async (tx) => {
      const [found] = await tx<PlanRow[]>`select * from plans where id = ${id} for update`;
      if (!found) throw notFound('Plan');
      if (found.source === 'config') throw readOnly();
      const [used] = await tx<{ n: number }[]>`
        select count(*)::int as n from organizations where plan_id = ${id}`;
      if (used && used.n > 0) {
        throw new ApiError(
          409,
          'plan_in_use',
          `${used.n} tenant${used.n === 1 ? ' is' : 's are'} on this plan: move them first`,
        );
      }
      await tx`delete from plans where id = ${id}`;
      await recordOperatorEvent(tx, context, 'plan.deleted', null, { plan: id });
    });
  }

  async tenantPlan(organizationId: string): Promise<TenantPlan> {
    const [row] = await this.sql<{ plan_id: string | null; plan_overrides: PlanOverrides }[]>`
      select plan_id, plan_overrides from organizations where id = ${organizationId}`;
    if (!row) throw notFound('Tenant');
    this.directory.forget?.(organizationId);
    const effective = await this.directory.planOf(organizationId);
    return { planId: row.plan_id, overrides: row.plan_overrides, effective };
  }

  /**
   * Puts a tenant on a plan (null: none) with its overrides (absent: none). Recorded in the
   * operators' log and, as `organization.plan_changed`, in the tenant's own audit log.
   */
  async setTenantPlan(
    context: OperatorContext,
    organizationId: string,
    body: TenantPlanBody,
  ): Promise<TenantPlan> {
    const overrides = body.overrides ?? {};
    await this.sql.begin(async (tx) => {
      const [org] = await tx<{ plan_id: string | null }[]>`
        select plan_id from organizations where id = ${organizationId} for update`;
      if (!org) throw notFound('Tenant');
      if (body.planId !== null) {
        const [plan] = await tx`select 1 from plans where id = ${body.planId}`;
        if (!plan) {
          throw new ApiError(422, 'unknown_plan', `There is no plan "${body.planId}"`, [
            { path: 'body.planId', message: 'No such plan' },
          ]);
        }
      }
      await tx`
        update organizations set plan_id = ${body.planId}, plan_overrides = ${tx.json(overrides)}
        where id = ${organizationId}`;
      const details = { before: org.plan_id, after: body.planId, overrides };
      await recordAudit(tx, {
        actor: operatorInTenantLog,
        origin: undefined,
        organizationId,
        action: 'organization.plan_changed',
        target: { type: 'organization', id: organizationId },
        details,
      });
      await recordOperatorEvent(tx, context, 'tenant.plan_changed', organizationId, details);
    });
    await announcePlanChanged(this.bus, organizationId);
    return this.tenantPlan(organizationId);
  }
}

import {
  OrganizationPlan,
  Plan,
  PlanCreate,
  PlanId,
  PlanUpdate,
  TenantPlan,
  TenantPlanBody,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { operatorAuth, operatorSecurity as security } from '../operator/auth.ts';
import { PlanService } from './service.ts';
import { organizationPlan } from './usage.ts';

const PlanParams = t.Object({ id: PlanId });

const LIMITS_NOTE =
  "A limit absent or null is not limited by the plan (the install's own `FLC_*` limits hold either way, the lower wins); a feature absent is on. Where things are created, a limit reached is 402 `plan_limit_reached` with `limit: {name, value}`, a feature switched off 402 `plan_feature_unavailable` with `feature`. A change reaches every process within 10 s (at once in the process that made it).";

/** The operators' plans (/v1/operator/plans) and a tenant's plan. */
export const operatorPlanRoutes = (deps: ApiDeps) => {
  const plans = new PlanService(deps.db.sql, deps.planDirectory, deps.bus);
  return new Elysia({ prefix: '/v1/operator', tags: ['Operator'] })
    .use(operatorAuth(deps))
    .get('/plans', async () => ({ items: await plans.list() }), {
      response: { 200: t.Object({ items: t.Array(Plan) }) },
      detail: { summary: 'Every plan, by id', description: LIMITS_NOTE, security },
    })
    .post(
      '/plans',
      async ({ body, context, set }) => {
        const plan = await plans.create(context, body);
        set.status = 201;
        return plan;
      },
      {
        body: PlanCreate,
        response: { 201: Plan, ...errors(409) },
        detail: {
          summary: 'Create a plan (`source: "api"`)',
          description: `409 \`conflict\` when a plan has the id already. ${LIMITS_NOTE}`,
          security,
        },
      },
    )
    .get('/plans/:id', ({ params }) => plans.get(params.id), {
      params: PlanParams,
      response: { 200: Plan, ...errors(404) },
      detail: { summary: 'One plan', security },
    })
    .put('/plans/:id', ({ params, body, context }) => plans.update(context, params.id, body), {
      params: PlanParams,
      body: PlanUpdate,
      response: { 200: Plan, ...errors(404, 409) },
      detail: {
        summary: "Replace a plan's name, limits and features",
        description: `What the body leaves out is unlimited (limits) or on (features). 409 \`plan_read_only\` for a plan of FLC_PLANS_FILE (\`source: "config"\`). Its tenants get the new limits. ${LIMITS_NOTE}`,
        security,
      },
    })
    .delete(
      '/plans/:id',
      async ({ params, context, set }) => {
        await plans.remove(context, params.id);
        set.status = 204;
      },
      {
        params: PlanParams,
        response: { 204: t.Void({ description: 'Deleted' }), ...errors(404, 409) },
        detail: {
          summary: 'Delete a plan no tenant is on',
          description:
            '409 `plan_in_use` while a tenant is on it, 409 `plan_read_only` for a plan of FLC_PLANS_FILE. A plan named by FLC_DEFAULT_PLAN can be deleted here only when it is an api plan; the next start-up then stops until FLC_DEFAULT_PLAN is changed.',
          security,
        },
      },
    )
    .get('/tenants/:id/plan', ({ params }) => plans.tenantPlan(params.id), {
      params: IdParams,
      response: { 200: TenantPlan, ...errors(404) },
      detail: {
        summary: "A tenant's plan, its overrides, and the limits and features that apply",
        security,
      },
    })
    .put(
      '/tenants/:id/plan',
      ({ params, body, context }) => plans.setTenantPlan(context, params.id, body),
      {
        params: IdParams,
        body: TenantPlanBody,
        response: { 200: TenantPlan, ...errors(404, 422) },
        detail: {
          summary: 'Put a tenant on a plan, with its own overrides',
          description:
            "`planId` null takes the tenant off its plan (FLC_DEFAULT_PLAN then applies, when set); `overrides` replace the tenant's earlier ones (absent: none): a limit given wins over the plan's, null included (unlimited). 422 `unknown_plan` for a plan that does not exist. What the tenant has already is kept when it is over a new limit; only new ones are refused. Recorded in the operators' log (`tenant.plan_changed`) and in the tenant's own audit log (`organization.plan_changed`, by \"Platform operator\").",
          security,
        },
      },
    );
};

/** The tenant's own view: its plan and what it uses of it (owners and admins). */
export const organizationPlanRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: '/v1/organization', tags: ['organization'] }).use(agentAuth(deps)).get(
    '/plan',
    ({ agent }) => {
      requireManager(agent);
      return organizationPlan(
        { sql: deps.db.sql, messageStore: deps.messageStore, directory: deps.planDirectory },
        agent.organizationId,
      );
    },
    {
      response: { 200: OrganizationPlan, ...errors(403) },
      detail: {
        summary: "The organization's plan and its usage of each limit (owner, admin)",
        description:
          'Each limit with what is used of it now: agents (active and invited), environments, webhook endpoints (every environment), attachment bytes kept, messages and notes since the first of the month 00:00 UTC; `used` is null for the rates. `limit` null: unlimited by the plan. `plan` null: no plan.',
        security: [{ bearer: [] }],
      },
    },
  );

import {
  DeleteTenantBody,
  OperatorEvent,
  page,
  SignupPolicy,
  SignupPolicyBody,
  SuspendTenantBody,
  Tenant,
  TenantDetail,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { operatorAuth, operatorSecurity } from './auth.ts';
import { listOperatorEvents } from './events.ts';
import { OperatorEventsQuery, TenantsQuery } from './model.ts';
import { SignupPolicyService } from './signup-policy.ts';
import { TenantErasure } from './tenant-erasure.ts';
import { TenantService } from './tenants.ts';

const security = operatorSecurity;

/** What operators do over tenants, and the platform's sign-up policy. */
export const operatorTenantRoutes = (deps: ApiDeps) => {
  const { sql } = deps.db;
  const tenants = new TenantService({ ...deps, sql });
  const erasure = new TenantErasure({ ...deps, sql });
  const signupPolicy = new SignupPolicyService(sql);

  return new Elysia({ prefix: '/v1/operator', tags: ['Operator'] })
    .use(operatorAuth(deps))
    .get('/tenants', ({ query }) => tenants.list(query), {
      query: TenantsQuery,
      response: { 200: page(Tenant), ...errors(400) },
      detail: {
        summary: 'List and search the tenants (organizations), newest first',
        description:
          'With their status, agents, environments, active visitors now, messages this month and storage used (see the fields). One query for the page and its counts, one to the message store and one to the process reports, whatever the page size.',
        security,
      },
    })
    .get('/tenants/:id', ({ params }) => tenants.detail(params.id), {
      params: IdParams,
      response: { 200: TenantDetail, ...errors(404) },
      detail: {
        summary: 'A tenant, read-only: its owners, environments and counts',
        description:
          "Nothing here changes the tenant or reads its conversations. Impersonating a tenant's agent is off: there is no route for it.",
        security,
      },
    })
    .post(
      '/tenants/:id/suspend',
      ({ params, body, context }) => tenants.suspend(context, params.id, body.reason),
      {
        params: IdParams,
        body: SuspendTenantBody,
        response: { 200: TenantDetail, ...errors(404, 409) },
        detail: {
          summary: 'Suspend a tenant, keeping every byte of its data',
          description:
            "From the next request its agents' tokens (and refresh tokens, and logins), its API keys, its visitors' session tokens and its widget's boot are refused with 403 `organization_suspended`; its open sockets close at once on every node (close 4003, reason `organization suspended`). Recorded in the operators' log and in the tenant's own audit log (`organization.suspended`, by \"Platform operator\", with the reason). 409 when it is suspended already.",
          security,
        },
      },
    )
    .post('/tenants/:id/resume', ({ params, context }) => tenants.resume(context, params.id), {
      params: IdParams,
      response: { 200: TenantDetail, ...errors(404, 409) },
      detail: {
        summary: 'Resume a suspended tenant',
        description:
          'Every credential that has not expired meanwhile works again; no data was touched. 409 when it is not suspended.',
        security,
      },
    })
    .delete(
      '/tenants/:id',
      async ({ params, body, context, set }) => {
        await erasure.delete(context, params.id, body.confirmName);
        set.status = 204;
      },
      {
        params: IdParams,
        body: DeleteTenantBody,
        response: { 204: t.Void({ description: 'Deleted, in every store' }), ...errors(404) },
        detail: {
          summary: 'Delete a tenant and everything it holds, in every store',
          description:
            "`confirmName` must be the tenant's name exactly (422 otherwise). The tenant is suspended and its sockets closed, then every message and note goes from the message store (PostgreSQL or MongoDB) and the streams, every attachment's bytes from the blob store, and every row from the database. Cannot be undone. A deletion that failed half-way is finished by asking again; once done, the tenant is 404. The operators' log keeps `tenant.deleted` with its name.",
          security,
        },
      },
    )
    .get('/events', ({ query }) => listOperatorEvents(sql, query), {
      query: OperatorEventsQuery,
      response: { 200: page(OperatorEvent), ...errors(400) },
      detail: {
        summary: "The operators' log: every sign-in and action, newest first",
        description:
          'It outlives the tenants it names: a deleted tenant keeps its `tenant.deleted` here. Filter by tenant (`organizationId`) or by action prefix.',
        security,
      },
    })
    .get('/signup-policy', () => signupPolicy.get(), {
      response: { 200: SignupPolicy },
      detail: { summary: 'Who may sign up publicly', security },
    })
    .put('/signup-policy', ({ body, context }) => signupPolicy.put(context, body), {
      body: SignupPolicyBody,
      response: { 200: SignupPolicy },
      detail: {
        summary: 'Open, invite-only or closed sign-up, and its allowed email domains',
        description:
          '`open`: anyone signs up (POST /v1/auth/signup), or with `allowedDomains`, emails of those domains only (403 `signup_domain_not_allowed` for others); `invite_only` and `closed`: sign-up answers 403 `signup_closed` (invitations still work). Until set: open to every domain.',
        security,
      },
    });
};

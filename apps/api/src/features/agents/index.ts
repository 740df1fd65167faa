import { Agent, AgentCreate, AgentPatch, Invitation } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { apiBudgets } from '../../lib/budgets.ts';
import { JobQueue } from '../../lib/job-queue.ts';
import { errors, IdParams, ListQuery, page } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth } from '../../plugins/auth.ts';
import { AgentService } from './service.ts';

const security = [{ bearer: [] }];
/** Lists also answer 400 for a cursor they did not issue. */
const listErrors = errors(400);
/**
 * Writes are for owners and admins, and can break a rule of the organization (taken email, last
 * owner, wrong status).
 */
const writeErrors = errors(403, 404, 409);
/** Issuing an invitation also spends the organization's budget (`FLC_INVITES_PER_ORG_PER_HOUR`). */
const inviteErrors = errors(403, 404, 409, 429);
const delivery =
  'With SMTP set up (`FLC_SMTP_URL`, `FLC_MAIL_FROM`, `FLC_PUBLIC_URL`) the server mails the invitee a link to `<FLC_PUBLIC_URL>/accept-invite?token=…` (after answering) and the answer is `{agent, delivery: "email", expiresAt}`, without the token; otherwise `{agent, delivery: "link", inviteToken, expiresAt}`, for the inviter to pass `<console>/accept-invite?token=…` on. 429 `rate_limited` with `retry-after` past `FLC_INVITES_PER_ORG_PER_HOUR` invitations of the organization.';

/**
 * Every role reads the team; owners and admins manage it (the service refuses plain agents
 * before looking anything up, so a 403 never tells whether an id exists).
 */
export const agentRoutes = (deps: ApiDeps) => {
  const { config, mailer } = deps;
  const service = new AgentService(deps.db.sql, {
    inviteTtlSeconds: config.inviteTtl,
    presence: deps.presence,
    bus: deps.bus,
    limiter: deps.rateLimiter,
    inviteBudget: apiBudgets(config).invitesOrg,
    plans: new PlanGuard(deps.planDirectory),
    // Mailed when the host can send mail to links that point at the console (as password reset).
    ...(mailer && config.publicUrl
      ? {
          mail: {
            mailer,
            publicOrigin: new URL(config.publicUrl).origin,
            jobs: deps.jobs ?? new JobQueue(),
          },
        }
      : {}),
  });
  return new Elysia({ prefix: '/v1/agents', tags: ['agents'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .get(
      '',
      ({ agent, query }) => service.list(agent.organizationId, query.limit ?? 20, query.cursor),
      {
        query: ListQuery,
        response: { 200: page(Agent), ...listErrors },
        detail: { summary: "The organization's agents, invited ones included", security },
      },
    )
    .post(
      '',
      async ({ agent, audit, body, set }) => {
        const invitation = await service.invite(agent, audit, body);
        set.status = 201;
        return invitation;
      },
      {
        body: AgentCreate,
        response: { 201: Invitation, ...errors(402, 403, 409, 429) },
        detail: {
          summary: 'Invite an agent (owner, admin; only owners invite owners)',
          description: `${delivery} 402 \`plan_limit_reached\` (with \`limit\`) when the organization's plan allows no more agents: active agents and invited ones not yet joined count. 409 \`conflict\` when an agent of this organization (invited or joined) has the email. Whether the email has an account in another organization does not change the answer: the invitee learns it when accepting (409 \`email_in_use\`).`,
          security,
        },
      },
    )
    .get('/:id', ({ agent, params }) => service.get(agent.organizationId, params.id), {
      params: IdParams,
      response: { 200: Agent, ...errors(404) },
      detail: { summary: 'One agent', security },
    })
    .post(
      '/:id/invite',
      async ({ agent, audit, params, set }) => {
        const invitation = await service.reinvite(agent, audit, params.id);
        set.status = 201;
        return invitation;
      },
      {
        params: IdParams,
        response: { 201: Invitation, ...inviteErrors },
        detail: {
          summary: 'Issue a new invite token for an invited agent; its earlier ones stop working',
          description: delivery,
          security,
        },
      },
    )
    .patch(
      '/:id',
      async ({ agent, audit, params, body }) => {
        const updated = await service.update(agent, audit, params.id, body);
        // Their conversations go back through assignment, to whoever has room.
        if (body.status === 'disabled') {
          await deps.assignment.release(agent.organizationId, params.id);
        }
        return updated;
      },
      {
        params: IdParams,
        body: AgentPatch,
        response: { 200: Agent, ...errors(402, 403, 404, 409) },
        detail: {
          summary:
            'Change role or status (owner, admin); disabling ends its sessions and unassigns its open conversations',
          description:
            "Enabling a disabled agent takes a seat again: 402 `plan_limit_reached` when the organization's plan allows no more agents.",
          security,
        },
      },
    )
    .delete(
      '/:id',
      async ({ agent, audit, params, set }) => {
        await service.remove(agent, audit, params.id);
        // Their conversations lost their assignee with them: assignment finds them another.
        await deps.assignment.run(agent.organizationId);
        set.status = 204;
      },
      {
        params: IdParams,
        response: { 204: t.Void({ description: 'Deleted, with its sessions' }), ...writeErrors },
        detail: { summary: 'Remove an agent (owner, admin)', security },
      },
    );
};

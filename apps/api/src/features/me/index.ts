import { Organization } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { JobQueue } from '../../lib/job-queue.ts';
import { errors } from '../../lib/models.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { MeResponse, OrganizationPatch, PresenceState, PresenceUpdate } from './model.ts';
import { OrganizationService } from './service.ts';

export const meRoutes = (deps: ApiDeps) => {
  const service = new OrganizationService(
    deps.db.sql,
    deps.presence,
    deps.bus,
    deps.jobs ?? new JobQueue(),
    deps.assignment,
  );
  return new Elysia({ prefix: '/v1', tags: ['organization'] })
    .use(agentAuth(deps))
    .get(
      '/me',
      async ({ agent }) => ({
        agent: await service.agent(agent.id, agent.organizationId),
        organization: await service.get(agent.organizationId),
      }),
      {
        response: { 200: MeResponse, ...errors(404) },
        detail: { summary: 'The calling agent and its organization', security: [{ bearer: [] }] },
      },
    )
    .put(
      '/me/presence',
      ({ agent, body }) => service.setAway(agent.id, agent.organizationId, body.status === 'away'),
      {
        body: PresenceUpdate,
        response: { 200: PresenceState, ...errors(404) },
        detail: {
          summary: 'Set your own presence: away or online (offline while no socket is open)',
          security: [{ bearer: [] }],
        },
      },
    )
    .get('/organization', ({ agent }) => service.get(agent.organizationId), {
      response: { 200: Organization, ...errors(404) },
      detail: { summary: 'The organization', security: [{ bearer: [] }] },
    })
    .patch(
      '/organization',
      ({ agent, body }) => {
        requireManager(agent);
        return service.update(agent, body);
      },
      {
        body: OrganizationPatch,
        response: { 200: Organization, ...errors(403, 404, 409) },
        detail: {
          summary:
            'Rename the organization and set its search language (owner, admin); require two-factor sign-in (owner)',
          description:
            "Turning `requireTwoFactor` on needs two-factor on the calling owner's own account (409 otherwise). Agents without it are then walked through enrolment at their next sign-in; sessions already open go on. A new `searchLanguage` re-indexes the organization's messages in the background (stored in PostgreSQL; the MongoDB store matches words the same way in every language).",
          security: [{ bearer: [] }],
        },
      },
    );
};

import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { Organization } from '../../domain/organization.ts';
import { authErrors } from '../../lib/models.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { MeResponse, OrganizationPatch } from './model.ts';
import { OrganizationService } from './service.ts';

export const meRoutes = (deps: ApiDeps) => {
  const service = new OrganizationService(deps.db.sql);
  return new Elysia({ prefix: '/v1', tags: ['organization'] })
    .use(agentAuth(deps))
    .get(
      '/me',
      async ({ agent }) => ({
        agent: await service.agent(agent.id, agent.organizationId),
        organization: await service.get(agent.organizationId),
      }),
      {
        response: { 200: MeResponse, ...authErrors },
        detail: { summary: 'The calling agent and its organization', security: [{ bearer: [] }] },
      },
    )
    .get('/organization', ({ agent }) => service.get(agent.organizationId), {
      response: { 200: Organization, ...authErrors },
      detail: { summary: 'The organization', security: [{ bearer: [] }] },
    })
    .patch(
      '/organization',
      ({ agent, body }) => {
        requireManager(agent);
        return service.rename(agent.organizationId, body.name);
      },
      {
        body: OrganizationPatch,
        response: { 200: Organization, ...authErrors },
        detail: { summary: 'Rename the organization (owner, admin)', security: [{ bearer: [] }] },
      },
    );
};

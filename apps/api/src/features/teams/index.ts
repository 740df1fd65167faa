import { Team, TeamCreate, TeamList, TeamPatch } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { inboxAuth, inboxSecurity } from '../../plugins/inbox-auth.ts';
import { assignmentRoutes } from './assignment-routes.ts';
import { TeamService } from './service.ts';

const security = [{ bearer: [] }];

/** Every agent reads the teams, and so does an API key (to route what its backend syncs). */
const readRoutes = (deps: ApiDeps, service: TeamService) =>
  new Elysia({ prefix: '/v1/teams', tags: ['teams'] })
    .use(inboxAuth(deps))
    .get('', ({ actor }) => service.list(actor.organizationId), {
      response: { 200: TeamList },
      detail: { summary: 'Every team of the organization, by name', security: inboxSecurity },
    })
    .get('/:id', ({ actor, params }) => service.get(actor.organizationId, params.id), {
      params: IdParams,
      response: { 200: Team, ...errors(404) },
      detail: { summary: 'One team, with its members', security: inboxSecurity },
    });

/** Owners and admins create, rename, staff and delete them; each change is audited. */
const manageRoutes = (deps: ApiDeps, service: TeamService) =>
  new Elysia({ prefix: '/v1/teams', tags: ['teams'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .post(
      '',
      async ({ agent, audit, body, set }) => {
        requireManager(agent);
        const team = await service.create(audit, agent.organizationId, body);
        await deps.assignment.run(agent.organizationId);
        set.status = 201;
        return team;
      },
      {
        body: TeamCreate,
        response: { 201: Team, ...errors(403, 409, 422) },
        detail: {
          summary:
            'Create a team (owner, admin); 409 for a name in use, 422 for a member not of the organization',
          security,
        },
      },
    )
    .patch(
      '/:id',
      async ({ agent, audit, params, body }) => {
        requireManager(agent);
        const team = await service.update(audit, agent.organizationId, params.id, body);
        // New members may take conversations waiting in the team.
        await deps.assignment.run(agent.organizationId);
        return team;
      },
      {
        params: IdParams,
        body: TeamPatch,
        response: { 200: Team, ...errors(403, 404, 409, 422) },
        detail: {
          summary: 'Rename a team or replace its members (owner, admin)',
          security,
        },
      },
    )
    .delete(
      '/:id',
      async ({ agent, audit, params, set }) => {
        requireManager(agent);
        await service.delete(audit, agent.organizationId, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: {
          204: t.Void({
            description:
              'Deleted: its conversations leave the team (keeping their agent); policies naming it turn manual',
          }),
          ...errors(403, 404),
        },
        detail: { summary: 'Delete a team (owner, admin)', security },
      },
    );

export const teamRoutes = (deps: ApiDeps) => {
  const service = new TeamService(deps.db.sql);
  return new Elysia()
    .use(readRoutes(deps, service))
    .use(manageRoutes(deps, service))
    .use(assignmentRoutes(deps));
};

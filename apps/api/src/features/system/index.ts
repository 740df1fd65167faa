import { SystemStatus } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { forbidden } from '../../lib/errors.ts';
import { errors } from '../../lib/models.ts';
import { agentAuth } from '../../plugins/auth.ts';
import { SystemService } from './service.ts';

/** The install's health for its operators: the owners of the system organization only. */
export const systemRoutes = (deps: ApiDeps) => {
  const service = new SystemService(deps);
  return new Elysia({ prefix: '/v1/system', tags: ['operations'] }).use(agentAuth(deps)).get(
    '',
    async ({ agent, set }) => {
      if (agent.role !== 'owner' || !(await service.isSystemOrganization(agent.organizationId))) {
        throw forbidden("Only the owners of the install's system organization see its system");
      }
      set.headers['cache-control'] = 'no-store';
      return service.status();
    },
    {
      response: { 200: SystemStatus, ...errors(403) },
      detail: {
        summary: "The install's processes and dependencies (the System page)",
        description:
          "Every process of the install (api, realtime nodes, workers, standalone) reports itself every 10 s: version, host, memory, CPU, its role's figures and its last warnings and errors. Listed for a day after its last report; `silent` after 30 s without one. The database and Redis as this process's probe last found them. For the owners of the install's system organization (`FLC_SYSTEM_ORGANIZATION_ID`, by default the first organization created): anyone else gets 403. Operators see the same at GET /v1/operator/system, the preferred way.",
        security: [{ bearer: [] }],
      },
    },
  );
};

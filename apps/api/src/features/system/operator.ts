import { SystemStatus } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors } from '../../lib/models.ts';
import { operatorAuth, operatorSecurity } from '../operator/auth.ts';
import { SystemService } from './service.ts';

/** The install's service health for the platform's operators (their console's own page). */
export const operatorSystemRoutes = (deps: ApiDeps) => {
  const service = new SystemService(deps);
  return new Elysia({ prefix: '/v1/operator', tags: ['Operator'] }).use(operatorAuth(deps)).get(
    '/system',
    async ({ set }) => {
      set.headers['cache-control'] = 'no-store';
      return service.status();
    },
    {
      response: { 200: SystemStatus, ...errors(401) },
      detail: {
        summary: "The install's service health: its processes, database and Redis",
        description:
          "What GET /v1/system shows, for operators (the preferred way; that one stays for the owners of `FLC_SYSTEM_ORGANIZATION_ID`). Every process (api, realtime nodes, workers, standalone) reports itself every 10 s: role, version, host, memory, CPU, its figures (a node's sockets and messages per second, a workers process's persister lag and webhook backlog…) and its last warnings and errors; listed for a day after its last report, `silent` after 30 s without one. The database and Redis as the answering process's probe last found them (`flc_dependency_up`, `flc_dependency_ping_seconds`, every 5 s).",
        security: operatorSecurity,
      },
    },
  );
};

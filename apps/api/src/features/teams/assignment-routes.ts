import {
  Agent,
  AgentCapacity,
  AssignmentPolicy,
  AssignmentPolicyUpdate,
} from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { AssignmentSettings } from './assignment-service.ts';

const security = [{ bearer: [] }];

/**
 * How conversations find agents: each environment's policy (every agent reads it, owners and
 * admins set it) and each agent's capacity (owners and admins).
 */
export const assignmentRoutes = (deps: ApiDeps) => {
  const settings = new AssignmentSettings(deps.db.sql, deps.assignment);
  return new Elysia({ tags: ['teams'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .get(
      '/v1/environments/:id/assignment-policy',
      ({ agent, params }) => settings.policy(agent.organizationId, params.id),
      {
        params: IdParams,
        response: { 200: AssignmentPolicy, ...errors(404) },
        detail: { summary: "How the environment's new conversations are assigned", security },
      },
    )
    .put(
      '/v1/environments/:id/assignment-policy',
      ({ agent, audit, params, body }) => {
        requireManager(agent);
        return settings.setPolicy(audit, agent.organizationId, params.id, body);
      },
      {
        params: IdParams,
        body: AssignmentPolicyUpdate,
        response: { 200: AssignmentPolicy, ...errors(403, 404, 422) },
        detail: {
          summary: 'Set the assignment policy (owner, admin): manual, round-robin or least-busy',
          description:
            "Automatic modes give each new conversation (and each waiting one, as agents come online or free a slot) to an online, not away member of its team with fewer conversations not closed than their capacity. 422 for an automatic mode without a team, or another organization's team.",
          security,
        },
      },
    )
    .put(
      '/v1/agents/:id/capacity',
      ({ agent, audit, params, body }) => {
        requireManager(agent);
        return settings.setCapacity(audit, agent.organizationId, params.id, body.capacity);
      },
      {
        params: IdParams,
        body: AgentCapacity,
        response: { 200: Agent, ...errors(403, 404) },
        detail: {
          summary: "Set an agent's capacity (owner, admin): most conversations given automatically",
          security,
        },
      },
    );
};

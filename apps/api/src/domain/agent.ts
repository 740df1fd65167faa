import { presenceStatus } from '@flc/core';
import { t } from 'elysia';
import { Id, Role, Timestamp } from '../lib/models.ts';

export const AgentStatus = t.Union([
  t.Literal('invited'),
  t.Literal('active'),
  t.Literal('disabled'),
]);

/** What teammates see: connected, connected but away by choice, or not connected anywhere. */
export const Presence = t.Union([t.Literal('online'), t.Literal('away'), t.Literal('offline')]);

export const Agent = t.Object({
  id: Id,
  organizationId: Id,
  email: t.String({ format: 'email' }),
  name: t.String(),
  role: Role,
  status: AgentStatus,
  createdAt: Timestamp,
  presence: t.Optional(
    t.Union([Presence], {
      description: 'Live presence; in reads of the team (GET /v1/agents, /v1/agents/:id, /v1/me)',
    }),
  ),
});
export type Agent = typeof Agent.static;

export interface AgentRow {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  role: Agent['role'];
  status: Agent['status'];
  created_at: Date;
  away: boolean;
}

/** Columns every agent query selects; never the password hash. */
export const agentColumns = 'id, organization_id, email, name, role, status, created_at, away';

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  organizationId: r.organization_id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The agent as teammates see it now: `online` is whether any node holds one of its sockets. */
export const withPresence = (agent: Agent, row: AgentRow, online: Set<string>): Agent => ({
  ...agent,
  presence: presenceStatus(online.has(row.id), row.away),
});

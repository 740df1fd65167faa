import { presenceStatus } from '@flc/core';
import type { Agent } from '@flc/protocol/resources';

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

import { presenceStatus } from '@flc/core';
import type { Agent } from '@flc/protocol/resources';

export interface AgentRow {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  handle: string;
  role: Agent['role'];
  status: Agent['status'];
  created_at: Date;
  away: boolean;
  two_factor: boolean;
  capacity: number | null;
}

/** Columns every agent query selects; never the password hash nor anything of the TOTP secret. */
export const agentColumns = `id, organization_id, email, name, handle, role, status, created_at, away, capacity,
  exists (select 1 from agent_two_factor f where f.agent_id = agents.id and f.enabled_at is not null)
    as two_factor`;

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  organizationId: r.organization_id,
  email: r.email,
  name: r.name,
  handle: r.handle,
  role: r.role,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  twoFactorEnabled: r.two_factor,
  capacity: r.capacity,
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The agent as teammates see it now: `online` is whether any node holds one of its sockets. */
export const withPresence = (agent: Agent, row: AgentRow, online: Set<string>): Agent => ({
  ...agent,
  presence: presenceStatus(online.has(row.id), row.away),
});

import { t } from 'elysia';
import { Id, Role, Timestamp } from '../lib/models.ts';

export const AgentStatus = t.Union([
  t.Literal('invited'),
  t.Literal('active'),
  t.Literal('disabled'),
]);

export const Agent = t.Object({
  id: Id,
  organizationId: Id,
  email: t.String({ format: 'email' }),
  name: t.String(),
  role: Role,
  status: AgentStatus,
  createdAt: Timestamp,
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
}

/** Columns every agent query selects; never the password hash. */
export const agentColumns = 'id, organization_id, email, name, role, status, created_at';

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

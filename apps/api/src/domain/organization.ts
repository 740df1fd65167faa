import { t } from 'elysia';
import { Id, Timestamp } from '../lib/models.ts';

export const Organization = t.Object({ id: Id, name: t.String(), createdAt: Timestamp });
export type Organization = typeof Organization.static;

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}

export const toOrganization = (r: OrganizationRow): Organization => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at.toISOString(),
});

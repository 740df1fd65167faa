import type { Organization } from '@flc/protocol/resources';

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

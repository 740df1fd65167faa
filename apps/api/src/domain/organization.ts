import type { Organization } from '@flc/protocol/resources';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
  require_two_factor: boolean;
}

/** Columns every organization query selects. */
export const organizationColumns = 'id, name, created_at, require_two_factor';

export const toOrganization = (r: OrganizationRow): Organization => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  requireTwoFactor: r.require_two_factor,
});

import type { Organization, SearchLanguage } from '@flc/protocol/resources';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
  require_two_factor: boolean;
  search_language: SearchLanguage;
}

/** Columns every organization query selects. */
export const organizationColumns = 'id, name, created_at, require_two_factor, search_language';

export const toOrganization = (r: OrganizationRow): Organization => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  requireTwoFactor: r.require_two_factor,
  searchLanguage: r.search_language,
});

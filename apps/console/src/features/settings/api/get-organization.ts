import type { Organization } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const getOrganization = (api: Api) => api.request<Organization>('/v1/organization');

export const organizationQuery = (api: Api) =>
  queryOptions({ queryKey: settingsKeys.organization(), queryFn: () => getOrganization(api) });

export function useOrganization() {
  return useQuery(organizationQuery(useApi()));
}

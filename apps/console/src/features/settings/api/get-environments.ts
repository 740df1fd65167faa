import type { Environment, Page } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

/** An organization has a handful of environments: the first hundred are all of them. */
export const getEnvironments = (api: Api) =>
  api.request<Page<Environment>>('/v1/environments', { query: { limit: 100 } });

export const environmentsQuery = (api: Api) =>
  queryOptions({ queryKey: settingsKeys.environments(), queryFn: () => getEnvironments(api) });

export function useEnvironments() {
  return useQuery(environmentsQuery(useApi()));
}

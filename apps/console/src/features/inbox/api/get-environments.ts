import type { Page } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export interface EnvironmentOption {
  id: string;
  name: string;
}

/** Under `['environments']`, so settings' invalidations refresh the filter's choices too. */
export const environmentOptionsKey = ['environments', 'inbox-filter'] as const;

export const environmentOptionsQuery = (api: Api) =>
  queryOptions({
    queryKey: environmentOptionsKey,
    queryFn: async ({ signal }) => {
      const page = await api.request<Page<EnvironmentOption>>('/v1/environments', {
        query: { limit: 100 },
        signal,
      });
      return page.items.map(({ id, name }) => ({ id, name }));
    },
    staleTime: 5 * 60_000,
  });

export function useEnvironmentOptions() {
  return useQuery(environmentOptionsQuery(useApi()));
}

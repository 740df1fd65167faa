import type { Agent, Page } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const getAgents = (api: Api, cursor: string | null) =>
  api.request<Page<Agent>>('/v1/agents', { query: { limit: 100, cursor } });

export const agentsQuery = (api: Api) =>
  infiniteQueryOptions({
    queryKey: settingsKeys.agents(),
    queryFn: ({ pageParam }) => getAgents(api, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAgents() {
  return useInfiniteQuery(agentsQuery(useApi()));
}

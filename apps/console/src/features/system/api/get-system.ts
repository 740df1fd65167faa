import type { SystemStatus } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi, useMe } from '../../../lib/auth.tsx';

export const systemKeys = { status: () => ['system'] as const };

export const getSystem = (api: Api, signal?: AbortSignal) =>
  api.request<SystemStatus>('/v1/system', { signal });

/** Refreshed every 10 s, as often as the processes report. */
export const systemQuery = (api: Api) =>
  queryOptions({
    queryKey: systemKeys.status(),
    queryFn: ({ signal }) => getSystem(api, signal),
    refetchInterval: 10_000,
    retry: false,
  });

/**
 * The install's system, for an owner of its system organization. Anyone else (the API answers
 * 403) has no System page: the navigation asks once and shows it only when it is answered.
 */
export function useSystem(options: { live: boolean }) {
  const owner = useMe().data?.agent.role === 'owner';
  return useQuery({
    ...systemQuery(useApi()),
    enabled: owner,
    ...(options.live ? {} : { refetchInterval: false, staleTime: Number.POSITIVE_INFINITY }),
  });
}

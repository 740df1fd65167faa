import type { AuthOptions } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const authOptionsKeys = { all: ['auth-options'] as const };

/** How agents can sign in and recover their account on this server (GET /v1/auth/options). */
export const getAuthOptions = (api: Api) =>
  api.request<AuthOptions>('/v1/auth/options', { anonymous: true });

export const authOptionsQuery = (api: Api) =>
  queryOptions({
    queryKey: authOptionsKeys.all,
    queryFn: () => getAuthOptions(api),
    // The server's set-up: it changes with a restart, not while a page is open.
    staleTime: 5 * 60_000,
  });

export function useAuthOptions() {
  return useQuery(authOptionsQuery(useApi()));
}

import type { OidcConnection, OidcConnectionPut, RedirectUri } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Api, ApiError } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const path = '/v1/organization/oidc';

export const SSO_FIELDS = [
  'slug',
  'issuer',
  'clientId',
  'clientSecret',
  'allowedDomains',
  'provisionAgents',
] as const satisfies (keyof OidcConnectionPut)[];

/** The connection, or null while the organization has none. */
export const getSsoConnection = (api: Api) =>
  api.request<OidcConnection>(path).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

export const ssoConnectionQuery = (api: Api) =>
  queryOptions({ queryKey: settingsKeys.sso(), queryFn: () => getSsoConnection(api) });

export function useSsoConnection(enabled: boolean) {
  return useQuery({ ...ssoConnectionQuery(useApi()), enabled });
}

export const getRedirectUri = (api: Api) => api.request<RedirectUri>(`${path}/redirect-uri`);

export function useRedirectUri(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...settingsKeys.sso(), 'redirect-uri'],
    queryFn: () => getRedirectUri(api),
    enabled,
  });
}

export function useSaveSsoConnection() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OidcConnectionPut) =>
      api.request<OidcConnection>(path, { method: 'PUT', body: input }),
    onSuccess: (saved) => client.setQueryData(settingsKeys.sso(), saved),
  });
}

export function useRemoveSsoConnection() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.request<void>(path, { method: 'DELETE' }),
    onSuccess: () => client.setQueryData(settingsKeys.sso(), null),
  });
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Api, ApiError } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const path = '/v1/organization/oidc';

export interface SsoConnection {
  slug: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  enabled: boolean;
  enforceSso: boolean;
  provisionAgents: boolean;
  redirectUri: string;
  createdAt: string;
  updatedAt: string;
}

export interface SsoConnectionInput {
  slug: string;
  issuer: string;
  clientId: string;
  /** Omitted: the stored secret is kept. */
  clientSecret?: string;
  allowedDomains: string[];
  enabled: boolean;
  enforceSso: boolean;
  provisionAgents: boolean;
}

export const SSO_FIELDS = [
  'slug',
  'issuer',
  'clientId',
  'clientSecret',
  'allowedDomains',
  'provisionAgents',
] as const;

/** The connection, or null while the organization has none. */
export const getSsoConnection = (api: Api) =>
  api.request<SsoConnection>(path).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

export const ssoConnectionQuery = (api: Api) =>
  queryOptions({ queryKey: settingsKeys.sso(), queryFn: () => getSsoConnection(api) });

export function useSsoConnection(enabled: boolean) {
  return useQuery({ ...ssoConnectionQuery(useApi()), enabled });
}

export const getRedirectUri = (api: Api) =>
  api.request<{ redirectUri: string }>(`${path}/redirect-uri`);

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
    mutationFn: (input: SsoConnectionInput) =>
      api.request<SsoConnection>(path, { method: 'PUT', body: input }),
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

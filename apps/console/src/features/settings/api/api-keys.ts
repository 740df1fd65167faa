import type { ApiKey, ApiKeyCreated, Page } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const base = (environmentId: string) => `/v1/environments/${environmentId}/api-keys`;

export const getApiKeys = (api: Api, environmentId: string) =>
  api.request<Page<ApiKey>>(base(environmentId), { query: { limit: 100 } });

export const apiKeysQuery = (api: Api, environmentId: string) =>
  queryOptions({
    queryKey: settingsKeys.apiKeys(environmentId),
    queryFn: () => getApiKeys(api, environmentId),
  });

export function useApiKeys(environmentId: string) {
  return useQuery(apiKeysQuery(useApi(), environmentId));
}

export const createApiKey = (api: Api, environmentId: string, name: string) =>
  api.request<ApiKeyCreated>(base(environmentId), { method: 'POST', body: { name } });

export const revokeApiKey = (api: Api, environmentId: string, keyId: string) =>
  api.request<void>(`${base(environmentId)}/${keyId}`, { method: 'DELETE' });

export function useCreateApiKey(environmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createApiKey(api, environmentId, name),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.apiKeys(environmentId) }),
  });
}

export function useRevokeApiKey(environmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => revokeApiKey(api, environmentId, keyId),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.apiKeys(environmentId) }),
  });
}

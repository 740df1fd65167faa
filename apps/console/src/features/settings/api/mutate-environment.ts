import type {
  Environment,
  EnvironmentCreate,
  EnvironmentPatch,
  EnvironmentWithSecret,
} from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const ENVIRONMENT_FIELDS = [
  'name',
  'allowedOrigins',
] as const satisfies (keyof EnvironmentPatch)[];

export const createEnvironment = (api: Api, input: EnvironmentCreate) =>
  api.request<EnvironmentWithSecret>('/v1/environments', { method: 'POST', body: input });

export const updateEnvironment = (api: Api, id: string, patch: EnvironmentPatch) =>
  api.request<Environment>(`/v1/environments/${id}`, { method: 'PATCH', body: patch });

export const deleteEnvironment = (api: Api, id: string) =>
  api.request<void>(`/v1/environments/${id}`, { method: 'DELETE' });

export const rotatePluginKey = (api: Api, id: string) =>
  api.request<Environment>(`/v1/environments/${id}/plugin-key/rotate`, { method: 'POST' });

export const rotateIdentitySecret = (api: Api, id: string) =>
  api.request<EnvironmentWithSecret>(`/v1/environments/${id}/identity-secret/rotate`, {
    method: 'POST',
  });

/** The secret on request: kept in the component that asked, never in the query cache. */
export const revealIdentitySecret = (api: Api, id: string) =>
  api.request<{ identitySecret: string }>(`/v1/environments/${id}/identity-secret/reveal`, {
    method: 'POST',
  });

/** Every environment mutation refetches everything under `['environments']`. */
function useEnvironmentMutation<I, O>(fn: (api: Api, input: I) => Promise<O>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.environmentsRoot() }),
  });
}

export const useCreateEnvironment = () =>
  useEnvironmentMutation((api, input: EnvironmentCreate) => createEnvironment(api, input));
export const useUpdateEnvironment = () =>
  useEnvironmentMutation((api, { id, patch }: { id: string; patch: EnvironmentPatch }) =>
    updateEnvironment(api, id, patch),
  );
export const useDeleteEnvironment = () =>
  useEnvironmentMutation((api, id: string) => deleteEnvironment(api, id));
export const useRotatePluginKey = () =>
  useEnvironmentMutation((api, id: string) => rotatePluginKey(api, id));
export const useRotateIdentitySecret = () =>
  useEnvironmentMutation((api, id: string) => rotateIdentitySecret(api, id));

/** Reads, changes nothing: no invalidation. */
export function useRevealIdentitySecret() {
  const api = useApi();
  return useMutation({ mutationFn: (id: string) => revealIdentitySecret(api, id) });
}

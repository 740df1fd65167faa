import type { Agent, AgentPatch } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { meQuery, useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const updateAgent = (api: Api, id: string, patch: AgentPatch) =>
  api.request<Agent>(`/v1/agents/${id}`, { method: 'PATCH', body: patch });

/** An owner turns off an agent's two-factor sign-in (a lost device); its sessions end. */
export const resetTwoFactor = (api: Api, id: string) =>
  api.request<void>(`/v1/agents/${id}/two-factor`, { method: 'DELETE' });

export const removeAgent = (api: Api, id: string) =>
  api.request<void>(`/v1/agents/${id}`, { method: 'DELETE' });

/** Agents' lists refetch; so does /v1/me, since a manager may have changed their own role. */
function useInvalidateAgents() {
  const api = useApi();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: settingsKeys.agentsRoot() }),
      client.invalidateQueries({ queryKey: meQuery(api).queryKey }),
    ]);
}

export function useUpdateAgent() {
  const api = useApi();
  const onSuccess = useInvalidateAgents();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AgentPatch }) => updateAgent(api, id, patch),
    onSuccess,
  });
}

export function useRemoveAgent() {
  const api = useApi();
  const onSuccess = useInvalidateAgents();
  return useMutation({ mutationFn: (id: string) => removeAgent(api, id), onSuccess });
}

export function useResetTwoFactor() {
  const api = useApi();
  const onSuccess = useInvalidateAgents();
  return useMutation({ mutationFn: (id: string) => resetTwoFactor(api, id), onSuccess });
}

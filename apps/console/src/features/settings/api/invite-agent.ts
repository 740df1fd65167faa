import type { AgentCreate, Invitation } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const INVITE_FIELDS = ['email', 'name', 'role'] as const satisfies (keyof AgentCreate)[];

export const inviteAgent = (api: Api, input: AgentCreate) =>
  api.request<Invitation>('/v1/agents', { method: 'POST', body: input });

/** A new link for an agent who has not joined yet; the earlier links stop working. */
export const reinviteAgent = (api: Api, agentId: string) =>
  api.request<Invitation>(`/v1/agents/${agentId}/invite`, { method: 'POST' });

export function useInviteAgent() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentCreate) => inviteAgent(api, input),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.agentsRoot() }),
  });
}

export function useReinviteAgent() {
  const api = useApi();
  return useMutation({ mutationFn: (agentId: string) => reinviteAgent(api, agentId) });
}

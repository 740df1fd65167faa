import type { Agent, Presence } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyPresence, teamKey } from '../../../lib/agents.ts';
import { useApi, useMe } from '../../../lib/auth.tsx';

export type OwnStatus = Extract<Presence, 'online' | 'away'>;

/** PUT /v1/me/presence: shown at once in the team list, put back if the server refuses. */
export function useSetPresence() {
  const api = useApi();
  const client = useQueryClient();
  const meId = useMe().data?.agent.id;
  return useMutation({
    mutationFn: (status: OwnStatus) =>
      api.request<{ status: OwnStatus }>('/v1/me/presence', { method: 'PUT', body: { status } }),
    onMutate: async (status) => {
      await client.cancelQueries({ queryKey: teamKey });
      const before = client.getQueryData<Agent[]>(teamKey);
      if (meId) applyPresence(client, { agentId: meId, status });
      return { before };
    },
    onError: (_error, _status, context) => {
      if (context?.before) client.setQueryData(teamKey, context.before);
    },
    onSuccess: (answer) => {
      if (meId) applyPresence(client, { agentId: meId, status: answer.status });
    },
    onSettled: () => client.invalidateQueries({ queryKey: teamKey }),
  });
}

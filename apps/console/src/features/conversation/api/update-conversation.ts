import type { Conversation, ConversationPatch } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi, useMe } from '../../../lib/auth.tsx';
import {
  applyConversation,
  conversationKeys,
  findConversation,
  restoreConversations,
  snapshotConversations,
} from '../../../lib/conversations.ts';

/**
 * PATCH /v1/conversations/:id, applied to every cached copy at once (a closed conversation leaves
 * the open list before the server answers) and put back if the server refuses.
 */
export function useUpdateConversation(id: string) {
  const api = useApi();
  const client = useQueryClient();
  const meId = useMe().data?.agent.id ?? null;
  return useMutation({
    mutationFn: (patch: ConversationPatch) =>
      api.request<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: patch,
      }),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: conversationKeys.all });
      const snapshot = snapshotConversations(client);
      const known = findConversation(client, id);
      if (known) {
        // Any status set clears the snooze time unless the patch gives one, as the server does.
        const snoozedUntil = patch.status ? (patch.snoozedUntil ?? null) : known.snoozedUntil;
        applyConversation(client, { ...known, ...patch, snoozedUntil }, meId);
      }
      return { snapshot };
    },
    onError: (_error, _patch, context) => {
      if (context) restoreConversations(client, context.snapshot);
    },
    onSuccess: (conversation) => {
      client.setQueryData(conversationKeys.detail(id), conversation);
      applyConversation(client, conversation, meId);
    },
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.detail(id) }),
  });
}

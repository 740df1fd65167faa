import type { Conversation } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi, useMe } from '../../../lib/auth.tsx';
import {
  applyConversation,
  conversationKeys,
  findConversation,
  restoreConversations,
  snapshotConversations,
} from '../../../lib/conversations.ts';

export interface LabelToggle {
  labelId: string;
  /** true puts it on, false takes it off. */
  on: boolean;
}

export const labelPath = (base: string, id: string, labelId: string) =>
  `${base}/${encodeURIComponent(id)}/labels/${encodeURIComponent(labelId)}`;

/** The ids with `labelId` put on or taken off, in place. */
export const toggled = (ids: readonly string[], { labelId, on }: LabelToggle) =>
  on ? (ids.includes(labelId) ? [...ids] : [...ids, labelId]) : ids.filter((id) => id !== labelId);

/**
 * PUT or DELETE /v1/conversations/:id/labels/:labelId, shown in every cached copy at once (a
 * label put on joins that label's filtered list before the server answers) and put back if the
 * server refuses.
 */
export function useLabelConversation(id: string) {
  const api = useApi();
  const client = useQueryClient();
  const meId = useMe().data?.agent.id ?? null;
  return useMutation({
    mutationFn: (change: LabelToggle) =>
      api.request<Conversation>(labelPath('/v1/conversations', id, change.labelId), {
        method: change.on ? 'PUT' : 'DELETE',
      }),
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: conversationKeys.all });
      const snapshot = snapshotConversations(client);
      const known = findConversation(client, id);
      if (known) {
        applyConversation(client, { ...known, labelIds: toggled(known.labelIds, change) }, meId);
      }
      return { snapshot };
    },
    onError: (_error, _change, context) => {
      if (context) restoreConversations(client, context.snapshot);
    },
    onSuccess: (conversation) => {
      client.setQueryData(conversationKeys.detail(id), conversation);
      applyConversation(client, conversation, meId);
    },
  });
}

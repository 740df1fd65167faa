import type { Conversation } from '@flc/protocol/resources';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { conversationKeys, findConversation } from '../../../lib/conversations.ts';

export const getConversation = (api: Api, id: string, signal?: AbortSignal) =>
  api.request<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`, { signal });

export const conversationQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: conversationKeys.detail(id),
    queryFn: ({ signal }) => getConversation(api, id, signal),
  });

/** The conversation, shown at once from the list row it was opened from while it loads. */
export function useConversation(id: string) {
  const client = useQueryClient();
  return useQuery({
    ...conversationQuery(useApi(), id),
    placeholderData: () => findConversation(client, id),
  });
}

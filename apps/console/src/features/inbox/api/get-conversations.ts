import type { Conversation, Page } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import {
  type ConversationFilters,
  conversationKeys,
  listQuery,
} from '../../../lib/conversations.ts';

export const getConversations = (
  api: Api,
  filters: ConversationFilters,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  api.request<Page<Conversation>>('/v1/conversations', {
    query: listQuery(filters, cursor),
    signal,
  });

/** One list per filter set; live events keep it ordered, pages come by the API's cursor. */
export const conversationsQuery = (api: Api, filters: ConversationFilters) =>
  infiniteQueryOptions({
    queryKey: conversationKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getConversations(api, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useConversations(filters: ConversationFilters) {
  return useInfiniteQuery(conversationsQuery(useApi(), filters));
}

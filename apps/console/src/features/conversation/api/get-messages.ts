import type { MessagePage } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { type HistoryParam, messageKeys, olderPageParam } from '../messages.ts';

/** Greater than any seq: `beforeSeq` of the newest page (without it the API starts at seq 1). */
const NEWEST = 2 ** 31 - 1;
const PAGE = 30;

export const getMessages = (api: Api, id: string, beforeSeq: HistoryParam, signal?: AbortSignal) =>
  api.request<MessagePage>(`/v1/conversations/${encodeURIComponent(id)}/messages`, {
    query: { beforeSeq: beforeSeq ?? NEWEST, limit: PAGE },
    signal,
  });

/**
 * History newest page first, older pages by `beforeSeq`. Never stale: once loaded, the socket
 * (subscribed after the newest seq, resumed on reconnect) keeps it whole.
 */
export const messagesQuery = (api: Api, id: string) =>
  infiniteQueryOptions({
    queryKey: messageKeys.history(id),
    queryFn: ({ pageParam, signal }) => getMessages(api, id, pageParam, signal),
    initialPageParam: null as HistoryParam,
    getNextPageParam: olderPageParam,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  });

export function useMessages(id: string) {
  return useInfiniteQuery(messagesQuery(useApi(), id));
}

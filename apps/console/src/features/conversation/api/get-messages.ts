import type { MessagePage } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { type HistoryParam, messageKeys, olderPageParam } from '../messages.ts';

/** Greater than any seq: `beforeSeq` of the newest page (without it the API starts at seq 1). */
const NEWEST = 2 ** 31 - 1;
export const PAGE = 30;

/** One page: the newest below `beforeSeq`, or the oldest above `afterSeq`, ascending. */
export const getMessagePage = (
  api: Api,
  id: string,
  range: { beforeSeq: number } | { afterSeq: number },
  signal?: AbortSignal,
) =>
  api.request<MessagePage>(`/v1/conversations/${encodeURIComponent(id)}/messages`, {
    query: { ...range, limit: PAGE },
    signal,
  });

export const getMessages = (api: Api, id: string, beforeSeq: HistoryParam, signal?: AbortSignal) =>
  getMessagePage(api, id, { beforeSeq: beforeSeq ?? NEWEST }, signal);

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

export function useMessages(id: string, enabled = true) {
  return useInfiniteQuery({ ...messagesQuery(useApi(), id), enabled });
}

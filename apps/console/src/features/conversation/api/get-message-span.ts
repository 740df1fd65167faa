import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import {
  messageKeys,
  newerSpanParam,
  olderSpanParam,
  type SpanPage,
  type SpanParam,
} from '../messages.ts';
import { getMessagePage } from './get-messages.ts';

/** A page of a span: a page each side of `around` (it included) at first, then one way. */
export async function getSpanPage(
  api: Api,
  id: string,
  param: SpanParam,
  signal?: AbortSignal,
): Promise<SpanPage> {
  if ('beforeSeq' in param) {
    const page = await getMessagePage(api, id, param, signal);
    return { items: page.items, hasOlder: page.hasMore, hasNewer: true };
  }
  if ('afterSeq' in param) {
    const page = await getMessagePage(api, id, param, signal);
    return { items: page.items, hasOlder: true, hasNewer: page.hasMore };
  }
  const [older, newer] = await Promise.all([
    getMessagePage(api, id, { beforeSeq: param.around + 1 }, signal),
    getMessagePage(api, id, { afterSeq: param.around }, signal),
  ]);
  return {
    items: [...older.items, ...newer.items],
    hasOlder: older.hasMore,
    hasNewer: newer.hasMore,
  };
}

/**
 * The history opened at one message: older pages before it (scroll-back), newer ones after it up
 * to the newest, where live messages join it. Never stale, like the newest-first history.
 */
export const messageSpanQuery = (api: Api, id: string, around: number) =>
  infiniteQueryOptions({
    queryKey: messageKeys.span(id, around),
    queryFn: ({ pageParam, signal }) => getSpanPage(api, id, pageParam, signal),
    initialPageParam: { around } as SpanParam,
    getPreviousPageParam: olderSpanParam,
    getNextPageParam: newerSpanParam,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  });

export function useMessageSpan(id: string, around: number | null) {
  return useInfiniteQuery({
    ...messageSpanQuery(useApi(), id, around ?? 0),
    enabled: around !== null,
  });
}

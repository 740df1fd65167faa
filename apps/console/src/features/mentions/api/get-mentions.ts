import type { Mention, MentionPage } from '@flc/protocol/resources';
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const mentionKeys = {
  all: ['mentions'] as const,
  list: () => ['mentions', 'list'] as const,
  unread: () => ['mentions', 'unread'] as const,
};

const PAGE = 30;

export const getMentions = (
  api: Api,
  query: { unread?: boolean; cursor?: string | null; limit: number },
  signal?: AbortSignal,
) =>
  api.request<MentionPage>('/v1/me/mentions', {
    query: {
      unread: query.unread || undefined,
      cursor: query.cursor ?? undefined,
      limit: query.limit,
    },
    signal,
  });

/** Every mention, newest first, a page at a time. */
export const mentionsQuery = (api: Api) =>
  infiniteQueryOptions({
    queryKey: mentionKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      getMentions(api, { cursor: pageParam, limit: PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: MentionPage) => page.nextCursor ?? undefined,
  });

export function useMentions() {
  return useInfiniteQuery(mentionsQuery(useApi()));
}

/** The unread ones (their count, and the newest 100): the badge, and what a conversation clears. */
export const unreadMentionsQuery = (api: Api) =>
  queryOptions({
    queryKey: mentionKeys.unread(),
    queryFn: ({ signal }) => getMentions(api, { unread: true, limit: 100 }, signal),
  });

export function useUnreadMentions() {
  return useQuery(unreadMentionsQuery(useApi()));
}

export const flattenMentions = (pages: readonly MentionPage[] | undefined): Mention[] =>
  (pages ?? []).flatMap((p) => p.items);

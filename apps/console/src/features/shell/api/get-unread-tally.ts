import type { Conversation, Page } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { conversationKeys, tallyOf, type UnreadTally } from '../../../lib/conversations.ts';

/** Pages of 100 open conversations read for the tally; beyond, the badge says 99+ anyway. */
const MAX_PAGES = 5;

/** The unread count of every open conversation, newest activity first, a few pages deep. */
export async function getUnreadTally(api: Api, signal?: AbortSignal): Promise<UnreadTally> {
  const items: Conversation[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const res: Page<Conversation> = await api.request<Page<Conversation>>('/v1/conversations', {
      query: { status: 'open', limit: 100, cursor: cursor ?? undefined },
      signal,
    });
    items.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return tallyOf(items);
}

/** Kept live by inbox events and every change the console makes (see applyConversation). */
export const unreadTallyQuery = (api: Api) =>
  queryOptions({
    queryKey: conversationKeys.unreadTally(),
    queryFn: ({ signal }) => getUnreadTally(api, signal),
  });

export function useUnreadTally() {
  return useQuery(unreadTallyQuery(useApi()));
}

import type { QueryKey } from '@tanstack/react-query';
import { useMessageSpan } from './api/get-message-span.ts';
import { useMessages } from './api/get-messages.ts';
import { messageKeys, type Pages } from './messages.ts';

/** The loaded history of the open conversation and its paging, whichever way it was opened. */
export interface ConversationHistory {
  /** Where live messages are written. */
  key: QueryKey;
  data: Pages | undefined;
  isPending: boolean;
  error: Error | null;
  refetch(): void;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** False once the newest message is loaded: live messages join it from then on. */
  hasNewer: boolean;
  loadingNewer: boolean;
  loadNewer(): void;
}

/**
 * The newest page first (`at` null), or the page around message `at` (a search hit, `?seq=`),
 * paged back to the first message and forward to the newest.
 */
export function useHistory(id: string, at: number | null): ConversationHistory {
  const newest = useMessages(id, at === null);
  const span = useMessageSpan(id, at);
  const common = (q: typeof newest | typeof span) => ({
    isPending: q.isPending,
    error: q.error,
    refetch: () => void q.refetch(),
  });
  if (at === null) {
    return {
      ...common(newest),
      key: messageKeys.history(id),
      data: newest.data,
      hasOlder: newest.hasNextPage,
      loadingOlder: newest.isFetchingNextPage,
      loadOlder: () => void newest.fetchNextPage(),
      hasNewer: false,
      loadingNewer: false,
      loadNewer: () => {},
    };
  }
  return {
    ...common(span),
    key: messageKeys.span(id, at),
    data: span.data,
    hasOlder: span.hasPreviousPage,
    loadingOlder: span.isFetchingPreviousPage,
    loadOlder: () => void span.fetchPreviousPage(),
    hasNewer: span.hasNextPage,
    loadingNewer: span.isFetchingNextPage,
    loadNewer: () => void span.fetchNextPage(),
  };
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  conversationKeys,
  readMarks,
  tallyConversation,
  type UnreadTally,
  unreadTotal,
} from '../../lib/conversations.ts';
import { useRealtimeEvent } from '../../lib/realtime.tsx';
import { useReconnected } from '../../lib/use-reconnected.ts';
import { useUnreadTally } from './api/get-unread-tally.ts';
import { pageTitle } from './unread.ts';

/**
 * The team's total unread count over open conversations, live on every page: inbox events move
 * the tally (also when the inbox's lists are not mounted), a reconnect fetches it again. The
 * browser tab's title carries it.
 */
export function useUnreadTotal(section: string | null): number {
  const client = useQueryClient();
  const tally = useUnreadTally();
  useRealtimeEvent('conversation', ({ conversation: c }) => {
    // A read this console sent may not be in an event computed before the server stored it.
    const read = readMarks.upTo(c.id);
    const unread = read !== undefined && read >= c.lastSeq ? 0 : c.unread;
    client.setQueryData<UnreadTally>(conversationKeys.unreadTally(), (t) =>
      t ? tallyConversation(t, { ...c, unread }) : t,
    );
  });
  useReconnected(() => void client.invalidateQueries({ queryKey: conversationKeys.unreadTally() }));
  const total = unreadTotal(tally.data);
  useEffect(() => {
    document.title = pageTitle(total, section);
  }, [total, section]);
  return total;
}

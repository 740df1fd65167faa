import type { Sender } from '@flc/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useMe } from '../../lib/auth.tsx';
import { markReadInCache, readMarks } from '../../lib/conversations.ts';
import { useRealtime, useRealtimeEvent } from '../../lib/realtime.tsx';
import { addLiveMessage, type History, messageKeys, newestSeq } from './messages.ts';

/** A typing indicator not turned off (a lost frame, a closed tab) fades after this long. */
const TYPING_TTL_MS = 8_000;

export interface LiveState {
  /** Someone else typing here now (the visitor, or a teammate). */
  typing: Sender | null;
  /** The highest seq the visitor has read, as heard while this view was open. */
  visitorReadSeq: number;
}

/**
 * Follows the open conversation on the socket once its newest history page is in (so the SDK
 * delivers everything after it, and again after every reconnect), writes live messages into the
 * history, marks what the agent sees as read, and tracks typing and the visitor's reads.
 */
export function useConversationLive(id: string, history: History | undefined): LiveState {
  const client = useRealtime();
  const queryClient = useQueryClient();
  const meId = useMe().data?.agent.id ?? null;
  const loaded = history !== undefined;
  const newest = newestSeq(history);
  const [typing, setTyping] = useState<Sender | null>(null);
  const [visitorReadSeq, setVisitorReadSeq] = useState(0);

  useEffect(() => {
    if (!client || !loaded) return;
    client.subscribe(id, newestSeq(queryClient.getQueryData<History>(messageKeys.history(id))));
    return () => client.unsubscribe(id);
  }, [client, id, loaded, queryClient]);

  useRealtimeEvent('message', (message) => {
    if (message.conversationId !== id) return;
    queryClient.setQueryData<History>(messageKeys.history(id), (data) =>
      addLiveMessage(data, message),
    );
    setTyping((current) => (current?.id === message.sender.id ? null : current));
    if (message.sender.type === 'visitor') {
      setVisitorReadSeq((seq) => Math.max(seq, message.seq));
    }
  });

  useRealtimeEvent('typing', (event) => {
    if (event.conversationId !== id || event.sender.id === meId) return;
    setTyping((current) => {
      if (event.on) return event.sender;
      return current?.id === event.sender.id ? null : current;
    });
  });
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), TYPING_TTL_MS);
    return () => clearTimeout(timer);
  }, [typing]);

  useRealtimeEvent('read', (event) => {
    if (event.conversationId !== id || event.reader.type !== 'visitor') return;
    setVisitorReadSeq((seq) => Math.max(seq, event.seq));
  });

  // What the agent has in front of them is read: now, and whenever the tab comes back.
  useEffect(() => {
    if (!client || newest === 0) return;
    const markRead = () => {
      if (document.visibilityState !== 'visible') return;
      client.read(id, newest);
      readMarks.mark(id, newest);
      markReadInCache(queryClient, id, meId);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [client, id, newest, queryClient, meId]);

  return { typing, visitorReadSeq };
}

import type { Sender } from '@flc/protocol';
import type { Message } from '@flc/protocol/resources';
import { applyChange, type MessageChange } from '@flc/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useMe } from '../../lib/auth.tsx';
import { markReadInCache, readMarks } from '../../lib/conversations.ts';
import { useRealtime, useRealtimeEvent } from '../../lib/realtime.tsx';
import { addLiveMessage, messageKeys, newestSeq, type Pages, withChange } from './messages.ts';
import type { ConversationHistory } from './use-history.ts';

/** A typing indicator not turned off (a lost frame, a closed tab) fades after this long. */
const TYPING_TTL_MS = 8_000;

export interface LiveState {
  /** Someone else typing here now (the visitor, or a teammate). */
  typing: Sender | null;
  /** The highest seq the visitor has read, as heard while this view was open. */
  visitorReadSeq: number;
}

/**
 * Follows the open conversation on the socket once its history is in (so the SDK delivers
 * everything after it, and again after every reconnect), writes live messages into the history,
 * marks what the agent sees as read, and tracks typing and the visitor's reads. Opened in the
 * middle (`history.hasNewer`), it follows from the conversation's `lastSeq` rather than have the
 * socket replay everything after the page, and holds live messages until paging forward reaches
 * the newest: written into the middle, they would leave a hole the forward paging skips.
 */
export function useConversationLive(
  id: string,
  history: ConversationHistory,
  lastSeq: number | undefined,
): LiveState {
  const client = useRealtime();
  const queryClient = useQueryClient();
  const meId = useMe().data?.agent.id ?? null;
  const { key, hasNewer } = history;
  const from =
    history.data === undefined ? undefined : hasNewer ? lastSeq : newestSeq(history.data);
  const loaded = from !== undefined;
  const newest = newestSeq(history.data);
  const held = useRef<Message[]>([]);
  const [typing, setTyping] = useState<Sender | null>(null);
  const [visitorReadSeq, setVisitorReadSeq] = useState(0);
  const fromRef = useRef(from);
  fromRef.current = from;

  useEffect(() => {
    if (!client || !loaded) return;
    client.subscribe(id, fromRef.current);
    return () => client.unsubscribe(id);
  }, [client, id, loaded]);

  useEffect(() => {
    if (hasNewer || held.current.length === 0) return;
    const messages = held.current;
    held.current = [];
    queryClient.setQueryData<Pages>(key, (data) =>
      messages.reduce((d, m) => addLiveMessage(d, m), data),
    );
  }, [hasNewer, key, queryClient]);

  useRealtimeEvent('message', (message) => {
    if (message.conversationId !== id) return;
    if (hasNewer) held.current.push(message);
    else queryClient.setQueryData<Pages>(key, (data) => addLiveMessage(data, message));
    setTyping((current) => (current?.id === message.sender.id ? null : current));
    if (message.sender.type === 'visitor') {
      setVisitorReadSeq((seq) => Math.max(seq, message.seq));
    }
  });

  // Edits and deletes, live and those missed while away (the SDK resumes after the last one):
  // into every loaded page of this conversation, and into what is held for the newest page.
  const changed = (change: MessageChange) => {
    if (change.conversationId !== id) return;
    held.current = held.current.map((m) => applyChange(m, change));
    queryClient.setQueriesData<Pages>({ queryKey: messageKeys.history(id) }, (data) =>
      withChange(data, change),
    );
  };
  useRealtimeEvent('message.updated', changed);
  useRealtimeEvent('message.deleted', changed);

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

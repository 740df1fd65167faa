import type { ConnectionState, Message, Sender, Sending } from '@flc/sdk';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useChatStore } from './provider.ts';
import type { ConversationSnapshot } from './store.ts';

/** The client's connection state (`idle`, `connecting`, `open`, `reconnecting`, `closed`). */
export function useConnectionState(): ConnectionState {
  const store = useChatStore();
  return useSyncExternalStore(store.subscribeConnection, store.connectionState, () => 'idle');
}

function useSnapshot(conversationId: string): ConversationSnapshot {
  const store = useChatStore();
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(conversationId, listener),
    [store, conversationId],
  );
  const read = useCallback(() => store.snapshot(conversationId), [store, conversationId]);
  return useSyncExternalStore(subscribe, read, read);
}

export interface ConversationOptions {
  /** Deliver every message after this seq first (default 0: the whole history); null: live only. */
  afterSeq?: number | null;
}

export interface ConversationHandle extends ConversationSnapshot {
  state: ConnectionState;
  /** Sends (queued in the outbox while offline, never doubled); `ack` settles once stored. */
  send(body: string): Sending;
  /** Call on every keystroke: the others see "typing", throttled, off when idle or on send. */
  notifyTyping(): void;
  /** Marks read up to the last message held (or `seq`). */
  markRead(seq?: number): void;
}

/**
 * Follows a conversation while mounted (the client subscribes, also across reconnects) and
 * answers its messages, who is typing, the unread count, the connection state and the actions.
 */
export function useConversation(
  conversationId: string,
  options: ConversationOptions = {},
): ConversationHandle {
  const store = useChatStore();
  const { client } = store;
  const afterSeq = options.afterSeq === undefined ? 0 : options.afterSeq;
  useEffect(() => {
    // On a remount, from what is held already: the client drops nothing it delivered twice, but
    // there is no need to ask for it again.
    const from = afterSeq === null ? undefined : Math.max(afterSeq, store.lastSeq(conversationId));
    client.subscribe(conversationId, from);
    return () => client.unsubscribe(conversationId);
  }, [client, store, conversationId, afterSeq]);
  const snapshot = useSnapshot(conversationId);
  const state = useConnectionState();
  return useMemo(
    () => ({
      ...snapshot,
      state,
      send: (body: string) => client.send(conversationId, body),
      notifyTyping: () => client.typing(conversationId),
      markRead: (seq?: number) => store.markRead(conversationId, seq),
    }),
    [snapshot, state, client, store, conversationId],
  );
}

/** The conversation's delivered messages, ascending seq, edits and deletions applied. */
export const useMessages = (conversationId: string): readonly Message[] =>
  useSnapshot(conversationId).messages;

/** Who else is typing in the conversation now. */
export const useTyping = (conversationId: string): readonly Sender[] =>
  useSnapshot(conversationId).typing;

/** How many messages of others came after this client's read position. */
export const useUnread = (conversationId: string): number => useSnapshot(conversationId).unread;

import {
  applyChange,
  type Client,
  type ConnectionState,
  type Message,
  type MessageChange,
  type Sender,
} from '@flc/sdk';

/** What the hooks read of one conversation: a new object after every change, else the same. */
export interface ConversationSnapshot {
  /** Delivered messages, ascending `seq`, with their edits and deletions applied. */
  messages: readonly Message[];
  /** Who else is typing in it now. */
  typing: readonly Sender[];
  /** Messages of others after this client's read position. */
  unread: number;
  /** This client's read position: the seq it marked read (0: none). */
  readSeq: number;
}

interface Conversation {
  messages: Message[];
  typing: Map<string, Sender>;
  readSeq: number;
  snapshot: ConversationSnapshot | null;
  listeners: Set<() => void>;
}

const senderKey = (s: { type: string; id: string }) => `${s.type}:${s.id}`;
const empty: ConversationSnapshot = Object.freeze({
  messages: Object.freeze([]),
  typing: Object.freeze([]),
  unread: 0,
  readSeq: 0,
});

/**
 * One client's events kept as per-conversation state for `useSyncExternalStore`: it listens to
 * the client once (see `storeOf`), and every change makes a new snapshot of the conversation it
 * touched and tells that conversation's listeners only.
 */
export class ChatStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly connectionListeners = new Set<() => void>();

  constructor(readonly client: Client) {
    client.on('message', (m) => this.onMessage(m));
    client.on('message.updated', (c) => this.onChange(c));
    client.on('message.deleted', (c) => this.onChange(c));
    client.on('typing', ({ conversationId, sender, on }) => {
      if (this.isMe(sender)) return;
      const c = this.conversation(conversationId);
      const key = senderKey(sender);
      if (on === c.typing.has(key)) return;
      if (on) c.typing.set(key, sender);
      else c.typing.delete(key);
      this.changed(c);
    });
    client.on('read', ({ conversationId, reader, seq }) => {
      // Another tab or device of the same principal read further.
      if (this.isMe(reader)) this.setReadSeq(conversationId, seq);
    });
    client.on('state', ({ state }) => {
      // Nobody's typing survives a lost connection: the `off` frames may never come.
      if (state !== 'open') {
        for (const c of this.conversations.values()) {
          if (c.typing.size > 0) {
            c.typing.clear();
            this.changed(c);
          }
        }
      }
      for (const listener of this.connectionListeners) listener();
    });
    // Whose messages count as unread is known from `ready` (the principal) on.
    client.on('ready', () => {
      for (const c of this.conversations.values()) this.changed(c);
    });
  }

  connectionState = (): ConnectionState => this.client.state;

  subscribeConnection = (listener: () => void): (() => void) => {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  };

  snapshot(conversationId: string): ConversationSnapshot {
    const c = this.conversations.get(conversationId);
    if (!c) return empty;
    c.snapshot ??= Object.freeze({
      messages: Object.freeze([...c.messages]),
      typing: Object.freeze([...c.typing.values()]),
      unread: c.messages.filter((m) => m.seq > c.readSeq && !this.isMe(m.sender)).length,
      readSeq: c.readSeq,
    });
    return c.snapshot;
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    const c = this.conversation(conversationId);
    c.listeners.add(listener);
    return () => c.listeners.delete(listener);
  }

  /** The highest seq held for the conversation (0: none). */
  lastSeq(conversationId: string): number {
    return this.conversations.get(conversationId)?.messages.at(-1)?.seq ?? 0;
  }

  /** Marks read up to `seq` (default: the last message held), here and on the server. */
  markRead(conversationId: string, seq = this.lastSeq(conversationId)): void {
    if (seq <= 0 || !this.setReadSeq(conversationId, seq)) return;
    this.client.read(conversationId, seq);
  }

  private isMe(sender: { type: string; id: string }): boolean {
    const me = this.client.principal;
    return me !== null && me.type === sender.type && me.id === sender.id;
  }

  private setReadSeq(conversationId: string, seq: number): boolean {
    const c = this.conversation(conversationId);
    if (seq <= c.readSeq) return false;
    c.readSeq = seq;
    this.changed(c);
    return true;
  }

  private onMessage(m: Message): void {
    const c = this.conversation(m.conversationId);
    c.typing.delete(senderKey(m.sender)); // a message ends its sender's typing
    const last = c.messages.at(-1);
    if (!last || m.seq > last.seq) c.messages.push(m);
    else {
      // Followed again (a remount): the client delivers from the seq asked, maybe one held.
      const at = c.messages.findIndex((x) => x.seq >= m.seq);
      if (c.messages[at]?.seq === m.seq) c.messages[at] = m;
      else c.messages.splice(at, 0, m);
    }
    this.changed(c);
  }

  private onChange(change: MessageChange): void {
    const c = this.conversations.get(change.conversationId);
    const at = c?.messages.findIndex((m) => m.seq === change.seq) ?? -1;
    const before = c?.messages[at];
    if (!c || !before) return;
    const after = applyChange(before, change);
    if (after === before) return;
    c.messages[at] = after;
    this.changed(c);
  }

  private conversation(id: string): Conversation {
    let c = this.conversations.get(id);
    if (!c) {
      c = { messages: [], typing: new Map(), readSeq: 0, snapshot: null, listeners: new Set() };
      this.conversations.set(id, c);
    }
    return c;
  }

  private changed(c: Conversation): void {
    c.snapshot = null;
    for (const listener of c.listeners) listener();
  }
}

const stores = new WeakMap<Client, ChatStore>();

/** The one store of a client: created on first use, listening for as long as the client lives. */
export function storeOf(client: Client): ChatStore {
  let store = stores.get(client);
  if (!store) {
    store = new ChatStore(client);
    stores.set(client, store);
  }
  return store;
}

/**
 * A conversation's messages: history pages fetched newest first (scroll-back asks for older ones
 * with `beforeSeq`), or a span opened at one message (a search hit) and paged both ways from it,
 * live messages from the socket written into the newest page, and the
 * agent's own unsent messages shown after them until the server has them. Every seq shows once.
 */
import type { Message, MessagePage } from '@flc/protocol/resources';
import { applyChange, type MessageChange, newerOf } from '@flc/sdk';
import type { InfiniteData } from '@tanstack/react-query';

/** null: the newest page; a number: the page of messages before that seq. */
export type HistoryParam = number | null;
export type History = InfiniteData<MessagePage>;

/** A page of the history read around a seq (a search hit): what lies beyond it on either side. */
export interface SpanPage {
  items: Message[];
  hasOlder: boolean;
  hasNewer: boolean;
}
/** The page holding `around` and the messages near it, then older or newer pages from there. */
export type SpanParam = { around: number } | { beforeSeq: number } | { afterSeq: number };
export type Span = InfiniteData<SpanPage, SpanParam>;
/** Either kind of loaded history: both hold pages of messages. */
export type Pages = { pages: readonly { items: Message[] }[] };

export const messageKeys = {
  all: ['messages'] as const,
  history: (conversationId: string) => ['messages', conversationId] as const,
  span: (conversationId: string, around: number) =>
    ['messages', conversationId, 'around', around] as const,
};

/** The `beforeSeq` of the page older than `page`, or undefined at the first message. */
export const olderPageParam = (page: MessagePage): HistoryParam | undefined => {
  const first = page.items[0];
  return page.hasMore && first ? first.seq : undefined;
};

/** The page before a span's oldest page, or undefined at the first message. */
export const olderSpanParam = (page: SpanPage): SpanParam | undefined => {
  const first = page.items[0];
  return page.hasOlder && first ? { beforeSeq: first.seq } : undefined;
};

/** The page after a span's newest page, or undefined once it reaches the newest message. */
export const newerSpanParam = (page: SpanPage): SpanParam | undefined => {
  const last = page.items.at(-1);
  return page.hasNewer && last ? { afterSeq: last.seq } : undefined;
};

/** Every message once, ascending by seq. */
export function timeline(data: Pages | undefined): Message[] {
  if (!data) return [];
  const bySeq = new Map<number, Message>();
  for (const page of data.pages) for (const m of page.items) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function newestSeq(data: Pages | undefined): number {
  let max = 0;
  for (const page of data?.pages ?? []) {
    const last = page.items.at(-1);
    if (last && last.seq > max) max = last.seq;
  }
  return max;
}

/**
 * The history with a live message added to its newest page (the first of the history, fetched
 * newest first; the last of a span), in seq order; unchanged when that seq is already there (a
 * resume backfill, a REST page that raced the socket). Without history yet, nothing is kept: the
 * first page will bring it.
 */
export function addLiveMessage<P extends { items: Message[] }, D extends { pages: readonly P[] }>(
  data: D | undefined,
  message: Message,
): D | undefined {
  if (!data || data.pages.length === 0) return data;
  for (const page of data.pages) {
    if (page.items.some((m) => m.seq === message.seq)) return data;
  }
  const lastSeq = (page: P | undefined) => page?.items.at(-1)?.seq ?? 0;
  let newest = 0;
  data.pages.forEach((page, i) => {
    if (lastSeq(page) > lastSeq(data.pages[newest])) newest = i;
  });
  const pages = data.pages.map((page, i) =>
    i === newest
      ? { ...page, items: [...page.items, message].sort((a, b) => a.seq - b.seq) }
      : page,
  );
  return { ...data, pages };
}

/** Every loaded page with `change` applied to its message (when newer than what is shown). */
export function withChange<D extends Pages>(
  data: D | undefined,
  change: MessageChange,
): D | undefined {
  return mapMessage(data, change.seq, (m) => applyChange(m, change));
}

/** Every loaded page with this state of a message, when it is newer than the one shown. */
export function withMessage<D extends Pages>(data: D | undefined, message: Message): D | undefined {
  return mapMessage(data, message.seq, (m) => newerOf(m, message));
}

function mapMessage<D extends Pages>(
  data: D | undefined,
  seq: number,
  change: (m: Message) => Message,
): D | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const i = page.items.findIndex((m) => m.seq === seq);
    const known = page.items[i];
    if (!known) return page;
    const next = change(known);
    if (next === known) return page;
    changed = true;
    return { ...page, items: page.items.map((m, j) => (j === i ? next : m)) };
  });
  return changed ? { ...data, pages } : data;
}

/** A message of the agent's that the server has not acknowledged (yet, or ever). */
export interface Outgoing {
  cid: string;
  body: string;
  /** Absent: a reply. */
  kind?: 'message' | 'note';
  createdAt: number;
  state: 'sending' | 'failed';
  error?: string;
}

export type TimelineItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'outgoing'; key: string; outgoing: Outgoing };

/**
 * Delivered messages, then what is still on its way, oldest first. An outgoing message whose
 * cid already came back from the server is shown only once, as delivered.
 */
export function withOutgoing(messages: Message[], outgoing: readonly Outgoing[]): TimelineItem[] {
  const delivered = new Set(messages.map((m) => m.cid).filter((cid) => cid !== undefined));
  const items: TimelineItem[] = messages.map((message) => ({
    kind: 'message',
    key: `m${message.seq}`,
    message,
  }));
  for (const o of [...outgoing].sort((a, b) => a.createdAt - b.createdAt)) {
    if (!delivered.has(o.cid)) items.push({ kind: 'outgoing', key: `o${o.cid}`, outgoing: o });
  }
  return items;
}

/** The last message the visitor has seen, of the team's (never a note): where "Seen" goes. */
export function seenMarker(messages: readonly Message[], visitorReadSeq: number): number | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.sender.type !== 'visitor' && m.kind !== 'note' && m.seq <= visitorReadSeq) {
      return m.seq;
    }
  }
  return null;
}

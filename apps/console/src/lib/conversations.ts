/**
 * The console's view of conversations: the shapes it reads from the API, the query keys every
 * feature shares, and the cache updaters that apply a changed conversation (a live inbox event or
 * an optimistic PATCH) to every cached list, in order, filtered the way each list was asked for.
 */
import type { ConversationSummary, ServerFrameOf } from '@flc/protocol';
import type { Conversation, ConversationStatus, Page } from '@flc/protocol/resources';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';

/**
 * The socket's `conversation` inbox event. A server older than snoozing sends no `snoozedUntil`,
 * one older than labels no `labelIds`.
 */
export type InboxEvent = Omit<ServerFrameOf<'conversation'>, 't' | 'conversation'> & {
  conversation: Omit<ConversationSummary, 'snoozedUntil' | 'labelIds'> &
    Partial<Pick<ConversationSummary, 'snoozedUntil' | 'labelIds'>>;
};

export type AssigneeFilter = 'me' | 'none' | 'all';

export interface ConversationFilters {
  status: ConversationStatus;
  assignee: AssigneeFilter;
  /** null: every environment. */
  environmentId: string | null;
  /** null: whatever their labels. */
  labelId: string | null;
}

export const defaultFilters: ConversationFilters = {
  status: 'open',
  assignee: 'all',
  environmentId: null,
  labelId: null,
};

export type ConversationPages = InfiniteData<Page<Conversation>>;

export const conversationKeys = {
  all: ['conversations'] as const,
  lists: () => ['conversations', 'list'] as const,
  list: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  details: () => ['conversations', 'detail'] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  contacts: () => ['conversations', 'contact'] as const,
  byContact: (contactId: string) => ['conversations', 'contact', contactId] as const,
  /** The unread counts of every open conversation (see UnreadTally). */
  unreadTally: () => ['conversations', 'unread'] as const,
};

/** The query string of a list request. */
export function listQuery(filters: ConversationFilters, cursor: string | null, limit = 25) {
  return {
    status: filters.status,
    assignee: filters.assignee === 'all' ? undefined : filters.assignee,
    environmentId: filters.environmentId ?? undefined,
    label: filters.labelId ?? undefined,
    cursor: cursor ?? undefined,
    limit,
  };
}

export function matchesFilters(
  c: Conversation,
  filters: ConversationFilters,
  meId: string | null,
): boolean {
  if (c.status !== filters.status) return false;
  if (filters.environmentId !== null && c.environmentId !== filters.environmentId) return false;
  if (filters.labelId !== null && !c.labelIds.includes(filters.labelId)) return false;
  if (filters.assignee === 'none') return c.assigneeId === null;
  if (filters.assignee === 'me') return meId !== null && c.assigneeId === meId;
  return true;
}

/** Newest activity first, then the greater id first: the API's list order. */
export function byActivity(a: Conversation, b: Conversation): number {
  const diff = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  if (diff !== 0) return diff;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every loaded item once, in page order (a conversation that moved may be in two pages). */
export function flattenPages(data: ConversationPages | undefined): Conversation[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Conversation[] = [];
  for (const page of data.pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

/**
 * The list with `c` removed, then put back where it sorts if it still matches the list's filters.
 * A conversation that sorts after everything loaded while more pages remain is left to the
 * pagination (its cursor is keyset, so it will come in order).
 */
export function placeInPages(
  data: ConversationPages,
  c: Conversation,
  filters: ConversationFilters,
  meId: string | null,
): ConversationPages {
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== c.id),
  }));
  if (matchesFilters(c, filters, meId)) {
    let placed = false;
    for (const page of pages) {
      const at = page.items.findIndex((item) => byActivity(c, item) < 0);
      if (at >= 0) {
        page.items.splice(at, 0, c);
        placed = true;
        break;
      }
    }
    const last = pages.at(-1);
    if (!placed && last && last.nextCursor === null) last.items.push(c);
    if (!placed && !last) pages.push({ items: [c], nextCursor: null });
  }
  return { ...data, pages };
}

const isListKey = (key: readonly unknown[]): key is ReturnType<typeof conversationKeys.list> =>
  key[0] === 'conversations' && key[1] === 'list' && typeof key[2] === 'object' && key[2] !== null;

/** The freshest copy of a conversation anywhere in the cache. */
export function findConversation(client: QueryClient, id: string): Conversation | undefined {
  const detail = client.getQueryData<Conversation>(conversationKeys.detail(id));
  if (detail) return detail;
  for (const [, data] of client.getQueriesData<ConversationPages>({
    queryKey: conversationKeys.lists(),
  })) {
    const found = flattenPages(data).find((c) => c.id === id);
    if (found) return found;
  }
  for (const [, data] of client.getQueriesData<Page<Conversation>>({
    queryKey: conversationKeys.contacts(),
  })) {
    const found = data?.items.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Writes `c` to its detail, to every list (moved, added or removed) and to its contact's list. */
export function applyConversation(client: QueryClient, c: Conversation, meId: string | null): void {
  if (client.getQueryData(conversationKeys.detail(c.id))) {
    client.setQueryData(conversationKeys.detail(c.id), c);
  }
  for (const [key, data] of client.getQueriesData<ConversationPages>({
    queryKey: conversationKeys.lists(),
  })) {
    if (!data || !isListKey(key)) continue;
    client.setQueryData(key, placeInPages(data, c, key[2], meId));
  }
  client.setQueryData<Page<Conversation>>(conversationKeys.byContact(c.contact.id), (page) => {
    if (!page) return page;
    const items = [...page.items.filter((item) => item.id !== c.id), c].sort(byActivity);
    return { ...page, items };
  });
  client.setQueryData<UnreadTally>(conversationKeys.unreadTally(), (tally) =>
    tally ? tallyConversation(tally, c) : tally,
  );
}

/**
 * What the team has not read, per open conversation (id → unread): the Inbox's badge and the
 * page title add it up. Snoozed and closed conversations are out of it (a visitor's message
 * opens them again, and then they count).
 */
export type UnreadTally = Readonly<Record<string, number>>;

/** The tally with one conversation's latest state; the same object when nothing changed. */
export function tallyConversation(
  tally: UnreadTally,
  c: Pick<ConversationSummary, 'id' | 'status' | 'unread'>,
): UnreadTally {
  const counted = c.status === 'open' && c.unread > 0;
  if (counted ? tally[c.id] === c.unread : !(c.id in tally)) return tally;
  const next: Record<string, number> = { ...tally };
  if (counted) next[c.id] = c.unread;
  else delete next[c.id];
  return next;
}

export const tallyOf = (items: readonly Conversation[]): UnreadTally =>
  items.reduce<UnreadTally>((tally, c) => tallyConversation(tally, c), {});

export const unreadTotal = (tally: UnreadTally | undefined): number =>
  Object.values(tally ?? {}).reduce((sum, n) => sum + n, 0);

/** A known conversation moved on by an inbox event. */
export function mergeSummary(known: Conversation, event: InboxEvent): Conversation {
  const summary = event.conversation;
  const last = summary.lastMessage;
  const newer = last !== null && last.seq > known.lastSeq;
  // The same last message with another text: it was edited or deleted.
  const changed = last !== null && last.seq === known.lastMessage?.seq;
  return {
    ...known,
    status: summary.status,
    assigneeId: summary.assigneeId,
    contact: { ...known.contact, ...summary.contact },
    lastMessage: newer || changed ? last : known.lastMessage,
    lastSeq: newer ? last.seq : known.lastSeq,
    lastActivityAt: newer ? last.createdAt : known.lastActivityAt,
    unread: summary.unread,
    labelIds: summary.labelIds ?? known.labelIds,
    snoozedUntil:
      summary.snoozedUntil !== undefined
        ? summary.snoozedUntil
        : summary.status === 'snoozed'
          ? (known.snoozedUntil ?? null)
          : null,
  };
}

export interface InboxEventContext {
  meId: string | null;
  /** The highest seq this console marked read in the conversation, if any. */
  readUpTo?(id: string): number | undefined;
  /** The whole conversation from the API, for one the cache has never seen. */
  fetchConversation(id: string): Promise<Conversation>;
}

/**
 * Applies a `conversation` inbox event: a known conversation is merged and moved at once; an
 * unknown one (the event lacks its environment and activity time) is fetched first.
 */
export async function applyInboxEvent(
  client: QueryClient,
  event: InboxEvent,
  context: InboxEventContext,
): Promise<void> {
  const known = findConversation(client, event.conversation.id);
  let next = known
    ? mergeSummary(known, event)
    : await context.fetchConversation(event.conversation.id);
  const read = context.readUpTo?.(next.id);
  if (read !== undefined && read >= next.lastSeq && next.unread > 0) next = { ...next, unread: 0 };
  applyConversation(client, next, context.meId);
}

/**
 * The highest seq this console marked read per conversation: an inbox event computed before the
 * server stored that read must not bring the unread count back.
 */
export class ReadMarks {
  private readonly marks = new Map<string, number>();

  mark(id: string, seq: number): void {
    if (seq > (this.marks.get(id) ?? 0)) this.marks.set(id, seq);
  }

  upTo(id: string): number | undefined {
    return this.marks.get(id);
  }
}

export const readMarks = new ReadMarks();

/** Marks a conversation read in every cached copy. */
export function markReadInCache(client: QueryClient, id: string, meId: string | null): void {
  const known = findConversation(client, id);
  if (known && known.unread > 0) applyConversation(client, { ...known, unread: 0 }, meId);
}

/** Every cached copy of the conversations, to put back when an optimistic change fails. */
export function snapshotConversations(client: QueryClient) {
  return client.getQueriesData<unknown>({ queryKey: conversationKeys.all });
}

export function restoreConversations(
  client: QueryClient,
  snapshot: ReturnType<typeof snapshotConversations>,
): void {
  for (const [key, data] of snapshot) client.setQueryData(key, data);
}

/** The words of a conversation's preview; a message of files alone is shown by their names. */
export function previewText(last: NonNullable<ConversationSummary['lastMessage']>): string {
  if (last.body !== '' || !last.files?.length) return last.body;
  return `📎 ${last.files.join(', ')}`;
}

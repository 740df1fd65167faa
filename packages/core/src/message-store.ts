import type { Audience, Message, MessageChange } from './message.ts';
import type { MessageSearch, MessageSearchHit } from './search.ts';

/** One organization's messages of one UTC day, for usage metering. */
export interface DailyMessageActivity {
  organizationId: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Messages and notes created that day. */
  messages: number;
  /** The distinct visitors (`sender.id`) who sent at least one of them. */
  visitors: string[];
}

export interface MessageRange {
  /** Only messages with a greater `seq`. */
  afterSeq?: number;
  /** Only messages with a smaller `seq`; with it, the page is the newest ones below it. */
  beforeSeq?: number;
  limit: number;
}

/**
 * Durable history. Implementations: PostgreSQL (also PGlite) and MongoDB, one conformance suite.
 */
export interface MessageStore {
  /** Writes messages; one already stored at the same `(conversationId, seq)` is left as it is. */
  insert(messages: Message[]): Promise<void>;
  /** Messages of one conversation in ascending `seq`, notes included (with `kind`, `prevSeq`). */
  range(organizationId: string, conversationId: string, range: MessageRange): Promise<Message[]>;
  /**
   * The highest stored `seq` of the conversation, 0 when none; for the `visitor` audience, the
   * highest that is not a note.
   */
  headSeq(conversationId: string, audience?: Audience): Promise<number>;
  /**
   * The conversation's message stored with this sender's idempotency key, null when none (also
   * when the conversation belongs to another organization). One index lookup: the in-memory bus
   * asks it for a retried send whose cid it no longer remembers.
   */
  byCid(organizationId: string, conversationId: string, cid: string): Promise<Message | null>;
  /**
   * The organization's messages and notes holding any of the terms, best first among the newest
   * 500 that hold one (a bound on the work a common word costs): those holding
   * more of the distinct terms before those holding fewer; among equals, the store's own rank
   * (PostgreSQL: `ts_rank`), then the newest. Words are compared as `searchTerms` makes them;
   * a message is found by its current body only (an edit re-indexes it, an emptied body is found
   * by nothing).
   */
  search(query: MessageSearch): Promise<MessageSearchHit[]>;
  /**
   * Deletes every message and note of these conversations of the organization (a data subject's
   * erasure); another organization's conversation under one of the ids is left alone. Answers
   * how many were deleted.
   */
  erase(organizationId: string, conversationIds: readonly string[]): Promise<number>;
  /**
   * How many messages and notes each of these organizations stored since `since` (by
   * `createdAt`), in one query for them all (the operators' tenant list); an organization with
   * none is absent.
   */
  countSince(organizationIds: readonly string[], since: Date): Promise<Map<string, number>>;
  /**
   * Every organization's messages by UTC day of `createdAt`, from `from` (included) to `to`
   * (excluded), in one query over every organization (usage metering's rollup, off the message
   * path); an organization-day with none is absent.
   */
  dailyActivity(from: Date, to: Date): Promise<DailyMessageActivity[]>;
  /**
   * Applies an edit or a delete to the stored message at `seq`, when the message's `rev` is
   * below the change's (so a change applied again, or an older one arriving late, changes
   * nothing); a delete empties the body. Answers the message as it is after, or null when the
   * organization's conversation holds no message at that seq.
   */
  change(
    organizationId: string,
    conversationId: string,
    seq: number,
    change: MessageChange,
  ): Promise<Message | null>;
  /**
   * The conversation's messages changed after `afterRev` (edited or deleted), by ascending
   * `rev`; for the `visitor` audience, no notes.
   */
  changes(
    organizationId: string,
    conversationId: string,
    afterRev: number,
    audience: Audience,
  ): Promise<Message[]>;
}

import { applyChange } from './changes.ts';
import type { ClientError, ClientFrame, Message, MessageChange, Timers } from './types.ts';

export type FetchHistory = (
  conversationId: string,
  afterSeq: number,
) => Promise<readonly Message[]>;

export interface ConversationsOptions {
  send(frame: ClientFrame): boolean;
  deliver(message: Message): void;
  /**
   * True on a visitor's session: a visitor never receives notes, so the message before another
   * is its `prevSeq` when it has one. The team receives every seq: the one before is `seq - 1`.
   */
  visitor(): boolean;
  error(error: ClientError): void;
  timers: Timers;
  fetchHistory: FetchHistory | undefined;
  /** Wait before asking again for a gap that is still open (× the attempt number). */
  gapRetryMs: number;
  /** After this many fills a gap is given up: what is held is delivered and an error reported. */
  maxGapAttempts: number;
}

interface Followed {
  /** The highest seq delivered; null until `subscribed` tells the head of a live-only follow. */
  lastSeq: number | null;
  /** The highest seq known to exist (from `subscribed.headSeq` and messages). */
  head: number;
  /** Messages that arrived ahead of a gap, by the seq of the message before each. */
  held: Map<number, Message>;
  /** The newest change (edit or delete) heard: a resume asks for those after it. */
  rev: number;
  attempts: number;
  filling: boolean;
  retry: unknown;
}

const hasGap = (c: Followed): boolean =>
  c.held.size > 0 || (c.lastSeq !== null && c.head > c.lastSeq);

/**
 * The followed conversations and their sequence: every message is delivered once, in `seq`
 * order. Duplicates (resume backfills, resends) are dropped; a gap is filled by subscribing again
 * from the last seen seq, or through `fetchHistory` when the host gave one.
 *
 * A message follows the last one delivered when the message before it (`seq - 1`, or for a
 * visitor its `prevSeq`, which skips the notes it never sees) is that one. Each message names
 * its own predecessor, so a chain delivered this way has no hole and no repeat, whatever order
 * and whatever source (live, backfill, REST) its messages came from.
 */
export class Conversations {
  private readonly followed = new Map<string, Followed>();

  constructor(private readonly o: ConversationsOptions) {}

  subscribe(conversationId: string, afterSeq?: number, afterRev = 0): void {
    if (this.followed.has(conversationId)) return;
    const c: Followed = {
      lastSeq: afterSeq ?? null,
      head: afterSeq ?? 0,
      held: new Map(),
      rev: afterRev,
      attempts: 0,
      filling: false,
      retry: undefined,
    };
    this.followed.set(conversationId, c);
    this.follow(conversationId, c);
  }

  unsubscribe(conversationId: string): void {
    const c = this.followed.get(conversationId);
    if (!c) return;
    this.o.timers.clearTimeout(c.retry);
    this.followed.delete(conversationId);
    this.o.send({ t: 'unsubscribe', conversationId });
  }

  lastSeq(conversationId: string): number | undefined {
    return this.followed.get(conversationId)?.lastSeq ?? undefined;
  }

  /** A new session: every conversation is followed again from its last seen seq. */
  resume(): void {
    for (const [id, c] of this.followed) {
      c.attempts = 0;
      this.follow(id, c);
    }
  }

  /** The session is gone; fills in flight on it will never finish. */
  disconnected(): void {
    for (const c of this.followed.values()) {
      c.filling = false;
      this.o.timers.clearTimeout(c.retry);
      c.retry = undefined;
    }
  }

  onSubscribed(conversationId: string, headSeq: number, headRev = 0): void {
    const c = this.followed.get(conversationId);
    if (!c) return;
    c.filling = false;
    // Every change up to the head came before `subscribed`, or comes again right after it.
    if (headRev > c.rev) c.rev = headRev;
    if (c.lastSeq === null) c.lastSeq = headSeq;
    if (headSeq > c.head) c.head = headSeq;
    // Live messages queued behind the backfill come right after `subscribed`; look again later.
    if (hasGap(c)) this.later(conversationId, c);
  }

  onMessage(message: Message): void {
    const id = message.conversationId;
    const c = this.followed.get(id);
    if (!c) return;
    const { seq } = message;
    const before = this.o.visitor() ? (message.prevSeq ?? seq - 1) : seq - 1;
    if (c.lastSeq === null) c.lastSeq = before;
    if (seq <= c.lastSeq || c.held.get(before)?.seq === seq) return;
    if (seq > c.head) c.head = seq;
    if (before > c.lastSeq) {
      c.held.set(before, message);
      if (!c.filling && c.retry === undefined) this.fill(id, c);
      return;
    }
    this.o.deliver(message);
    c.lastSeq = seq;
    for (let next = c.held.get(seq); next; next = c.held.get(c.lastSeq)) {
      c.held.delete(c.lastSeq);
      this.o.deliver(next);
      c.lastSeq = next.seq;
    }
    if (!hasGap(c)) {
      c.attempts = 0;
      this.o.timers.clearTimeout(c.retry);
      c.retry = undefined;
    }
  }

  /**
   * An edit or a delete: counted for the next resume, and applied to a message held behind a
   * gap (the host has not seen it yet, so it could not apply the change itself). False when the
   * conversation is not followed.
   */
  onChange(change: MessageChange): boolean {
    const c = this.followed.get(change.conversationId);
    if (!c) return false;
    if (change.rev > c.rev) c.rev = change.rev;
    for (const [before, m] of c.held) {
      if (m.seq === change.seq) c.held.set(before, applyChange(m, change));
    }
    return true;
  }

  private follow(conversationId: string, c: Followed): void {
    const frame: ClientFrame =
      c.lastSeq === null
        ? { t: 'subscribe', conversationId, afterRev: c.rev }
        : { t: 'subscribe', conversationId, afterSeq: c.lastSeq, afterRev: c.rev };
    c.filling = this.o.send(frame);
  }

  private later(conversationId: string, c: Followed): void {
    if (c.retry !== undefined) return;
    c.retry = this.o.timers.setTimeout(() => {
      c.retry = undefined;
      if (this.followed.get(conversationId) === c && hasGap(c) && !c.filling) {
        this.fill(conversationId, c);
      }
    }, this.o.gapRetryMs * Math.max(1, c.attempts));
  }

  private fill(conversationId: string, c: Followed): void {
    if (c.attempts >= this.o.maxGapAttempts) {
      this.giveUp(conversationId, c);
      return;
    }
    c.attempts++;
    const { fetchHistory } = this.o;
    if (!fetchHistory) {
      this.follow(conversationId, c);
      return;
    }
    c.filling = true;
    fetchHistory(conversationId, c.lastSeq ?? 0).then(
      (items) => {
        if (this.followed.get(conversationId) !== c) return;
        for (const m of [...items].sort((a, b) => a.seq - b.seq)) {
          this.onMessage({ ...m, conversationId });
        }
        c.filling = false;
        if (hasGap(c)) this.later(conversationId, c);
      },
      (cause: unknown) => {
        if (this.followed.get(conversationId) !== c) return;
        c.filling = false;
        this.o.error({
          code: 'history_failed',
          message: 'fetchHistory() failed',
          conversationId,
          cause,
        });
        this.later(conversationId, c);
      },
    );
  }

  /** Better late and flagged than never: deliver what is held, past the hole. */
  private giveUp(conversationId: string, c: Followed): void {
    this.o.error({
      code: 'gap_unfilled',
      message: `Messages after seq ${c.lastSeq} could not be fetched`,
      conversationId,
    });
    for (const m of [...c.held.values()].sort((a, b) => a.seq - b.seq)) {
      if (m.seq <= (c.lastSeq ?? 0)) continue;
      this.o.deliver(m);
      c.lastSeq = m.seq;
    }
    c.held.clear();
    if (!hasGap(c)) c.attempts = 0;
  }
}

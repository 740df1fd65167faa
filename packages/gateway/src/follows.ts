import {
  type Bus,
  type BusEvent,
  changeFrame,
  NOTE_CHANGE_PREFIXES,
  NOTE_FRAME_PREFIX,
  type Topic,
} from '@flc/core';
import { logger } from '@flc/log';
import { CloseCode, type ServerFrameOf } from '@flc/protocol';
import { Follow, type Session } from './session.ts';
import type { GatewayDeps } from './types.ts';

const BACKFILL_PAGE = 500;

/** What following conversations needs from the gateway around it. */
export interface FollowHost {
  deps: Pick<GatewayDeps, 'bus' | 'history' | 'changes'>;
  maxSubscriptions: number;
  /** Writes one serialized frame to the socket (closing it when it cannot keep up). */
  sendRaw(session: Session, frame: string): void;
  send(session: Session, frame: ServerFrameOf<'subscribed' | 'error'>): void;
  /** Closes the socket with `code` and forgets it. */
  drop(session: Session, code: number, reason: string): void;
}

export const conversationTopic = (organizationId: string, conversationId: string): Topic => ({
  kind: 'conversation',
  organizationId,
  conversationId,
});

/**
 * The conversations a socket follows: subscribe (live first, then the backfill), live delivery
 * in seq order without duplicates, and catching up after the bus lost events.
 */
export class Follows {
  constructor(private readonly host: FollowHost) {}

  private get bus(): Bus {
    return this.host.deps.bus;
  }

  /**
   * Subscribe first, then backfill from the store: a message appended meanwhile is either in
   * the backfill or waits in `pending`, and `lastSeq` drops the one that is in both. The caller
   * has checked that the socket may touch the conversation (of organization `org`).
   */
  async subscribe(
    session: Session,
    org: string,
    conversationId: string,
    afterSeq: number | undefined,
    afterRev?: number,
  ): Promise<void> {
    const { follows } = session.state;
    if (!follows.has(conversationId) && follows.size >= this.host.maxSubscriptions) {
      const message = 'Too many conversations followed on one socket';
      this.host.send(session, { t: 'error', code: 'forbidden', message, ref: 'subscribe' });
      return;
    }
    follows.get(conversationId)?.unsubscribe();
    const follow = new Follow(conversationId);
    follows.set(conversationId, follow);
    follow.unsubscribe = await this.bus.subscribe(conversationTopic(org, conversationId), (event) =>
      this.deliver(session, follow, event),
    );
    if (session.state.closed || follows.get(conversationId) !== follow) return follow.unsubscribe();

    if (afterSeq !== undefined) {
      follow.lastSeq = afterSeq;
      await this.backfill(session, follow);
    }
    // Edits and deletes of what the client had, after the last change it saw; changes that
    // arrive live meanwhile come again after `subscribed` (a client applies a message's change
    // only when its rev is newer than the message's).
    const revs = await this.changes(session, org, follow, afterSeq, afterRev);
    // A visitor's head is its last message that is not a note: a note after it is no gap.
    const audience = session.principal.type === 'visitor' ? 'visitor' : 'team';
    const headSeq = await this.bus.headSeq(conversationId, audience);
    if (afterSeq === undefined) follow.lastSeq = Math.max(follow.lastSeq, headSeq);
    const waiting = follow.pending ?? [];
    follow.pending = null;
    this.host.send(session, {
      t: 'subscribed',
      conversationId,
      headSeq,
      ...(revs !== undefined && { headRev: revs }),
    });
    for (const event of waiting) this.deliver(session, follow, event);
  }

  /**
   * Sends the changes after `afterRev` of messages up to `afterSeq` (later ones came whole with
   * the backfill); answers the conversation's last rev. Only for a client that tracks changes
   * (it sent `afterRev`): undefined for the others, which cost no query.
   */
  private async changes(
    session: Session,
    org: string,
    follow: Follow,
    afterSeq: number | undefined,
    afterRev: number | undefined,
  ): Promise<number | undefined> {
    const read = this.host.deps.changes;
    if (!read || afterRev === undefined) return undefined;
    const { changes, headRev } = await read(
      session.principal,
      org,
      follow.conversationId,
      afterRev,
    );
    for (const m of changes) {
      if (afterSeq !== undefined && m.seq <= afterSeq) {
        this.host.sendRaw(session, changeFrame({ ...m, organizationId: org }));
      }
    }
    return headRev;
  }

  unsubscribe(session: Session, conversationId: string): void {
    const { follows } = session.state;
    follows.get(conversationId)?.unsubscribe();
    follows.delete(conversationId);
  }

  /** Sends the stored messages after the follow's `lastSeq`, a page at a time. */
  private async backfill(session: Session, follow: Follow): Promise<void> {
    for (;;) {
      const page = await this.host.deps.history(
        session.principal,
        follow.conversationId,
        follow.lastSeq,
        BACKFILL_PAGE,
      );
      for (const m of page) this.deliverMessage(session, follow, m.seq, messageFrame(m));
      if (page.length < BACKFILL_PAGE) break;
    }
  }

  /**
   * The bus lost some of the conversation's events and could not recover them: the socket gets
   * them from the store (which reads the bus's log for what it lacks), live events waiting
   * behind, as after a subscribe.
   */
  private resync(session: Session, follow: Follow): void {
    follow.pending = [];
    const done = () => {
      const waiting = follow.pending ?? [];
      follow.pending = null;
      for (const event of waiting) this.deliver(session, follow, event);
    };
    this.backfill(session, follow).then(done, (error: unknown) => {
      logger('gateway').error(
        { err: error, requestId: session.state.id, conversationId: follow.conversationId },
        'catching up a conversation failed',
      );
      // The client resumes from its last seq on another connection.
      this.host.drop(session, CloseCode.restarting, 'try again');
    });
  }

  private deliver(session: Session, follow: Follow, event: BusEvent): void {
    if (event.type === 'signal') {
      if (!isOwnTyping(session, event.frame) && !isHiddenSignal(session, event.frame)) {
        this.host.sendRaw(session, event.frame);
      }
    } else if (follow.pending) {
      follow.pending.push(event);
    } else if (event.type === 'reset') {
      this.resync(session, follow);
    } else if (!isHiddenFrom(session, event.frame)) {
      this.deliverMessage(session, follow, event.seq, event.frame);
    }
  }

  private deliverMessage(session: Session, follow: Follow, seq: number, frame: string): void {
    if (seq <= follow.lastSeq) return;
    follow.lastSeq = seq;
    this.host.sendRaw(session, frame);
  }
}

/**
 * Typing is relayed to the other participants only. The gateway serializes typing frames itself
 * (`t`, `conversationId`, then `sender` with `type` and `id` first), so a socket recognizes its
 * principal's own without parsing.
 */
function isOwnTyping(session: Session, frame: string): boolean {
  if (!frame.startsWith('{"t":"typing"')) return false;
  const { type, id } = session.principal;
  return frame.includes(`"sender":{"type":"${type}","id":"${id}"`);
}

/**
 * Notes are the team's: a visitor's socket never gets one. Every bus serializes a note's frame
 * with NOTE_FRAME_PREFIX, so it is told apart without parsing. (Backfills come from the history
 * as the principal may read it, without notes for a visitor.)
 */
function isHiddenFrom(session: Session, frame: string): boolean {
  return session.principal.type === 'visitor' && frame.startsWith(NOTE_FRAME_PREFIX);
}

/** A note's edit or delete is the team's too. */
function isHiddenSignal(session: Session, frame: string): boolean {
  return (
    session.principal.type === 'visitor' && NOTE_CHANGE_PREFIXES.some((p) => frame.startsWith(p))
  );
}

/** A stored message as a frame, in the key order the buses use (a note's `kind` first). */
function messageFrame(m: Awaited<ReturnType<GatewayDeps['history']>>[number]): string {
  const frame: ServerFrameOf<'message'> = {
    t: 'message',
    ...(m.kind === 'note' && { kind: m.kind }),
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    ...(m.prevSeq !== undefined && { prevSeq: m.prevSeq }),
    sender: m.sender,
    body: m.body,
    createdAt: m.createdAt,
    ...(m.cid !== undefined && { cid: m.cid }),
    ...(m.attachments !== undefined && { attachments: m.attachments }),
    ...(m.via !== undefined && { via: m.via }),
  };
  return JSON.stringify(frame);
}

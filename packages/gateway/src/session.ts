import type { BusEvent, Unsubscribe } from '@flc/core';
import type { InboxMember } from './inbox-fanout.ts';
import type { TokenBucket } from './token-bucket.ts';
import type { Connection, Principal } from './types.ts';

/** One socket as the gateway sees it. Transports keep it as the socket's user data. */
export interface Session {
  /** Known from the token at the upgrade; read back from the directory before `ready`. */
  principal: Principal;
  readonly connection: Connection;
  readonly state: SessionState;
  readonly bucket: TokenBucket;
}

/** One conversation a socket follows: where its delivery stands, and what waits on a backfill. */
export class Follow {
  constructor(readonly conversationId: string) {}

  /** The highest `seq` delivered to this socket; later events at or below it are duplicates. */
  lastSeq = 0;
  /** While a backfill runs, live events wait here to be delivered after it, in order. */
  pending: BusEvent[] | null = [];
  unsubscribe: Unsubscribe = () => {};
}

const settled = Promise.resolve();

/**
 * Per-socket state. Kept small: 10,000 of these live on a node, and most sockets never follow,
 * touch a conversation or trip a limit, so the maps and lists are made on first use.
 */
export class SessionState {
  readonly id = crypto.randomUUID();
  inbox: Unsubscribe | null = null;
  /** An agent's socket in its organization's inbox, to narrow it (`inbox` frame). */
  inboxMember: InboxMember | null = null;
  /** Times of recent rate-limited frames; null until the first. */
  abuse: number[] | null = null;
  closed = false;
  /** Frames of one socket are handled one after another, so its sends keep their order. */
  queue: Promise<void> = settled;
  private followMap: Map<string, Follow> | null = null;
  private allowedMap: Map<string, string> | null = null;

  /** Conversations this socket follows. */
  get follows(): Map<string, Follow> {
    this.followMap ??= new Map();
    return this.followMap;
  }

  /** Conversations this socket was allowed to touch, with their organization: checked once. */
  get allowed(): Map<string, string> {
    this.allowedMap ??= new Map();
    return this.allowedMap;
  }

  /** Stops every follow (on close) without making a map for a socket that had none. */
  unfollowAll(): void {
    if (!this.followMap) return;
    for (const follow of this.followMap.values()) follow.unsubscribe();
    this.followMap.clear();
  }
}

export const newSessionState = (): SessionState => new SessionState();

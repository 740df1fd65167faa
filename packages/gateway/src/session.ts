import type { BusEvent, Unsubscribe } from '@flc/core';

/** One conversation a socket follows: where its delivery stands, and what waits on a backfill. */
export class Follow {
  /** The highest `seq` delivered to this socket; later events at or below it are duplicates. */
  lastSeq = 0;
  /** While the backfill runs, live messages wait here to be delivered after it, in order. */
  pending: BusEvent[] | null = [];
  unsubscribe: Unsubscribe = () => {};
}

export interface SessionState {
  id: string;
  follows: Map<string, Follow>;
  /** Conversations this socket was allowed to touch, with their organization: checked once. */
  allowed: Map<string, string>;
  inbox: Unsubscribe | null;
  abuse: number[];
  closed: boolean;
  /** Frames of one socket are handled one after another, so its sends keep their order. */
  queue: Promise<void>;
}

export const newSessionState = (): SessionState => ({
  id: crypto.randomUUID(),
  follows: new Map(),
  allowed: new Map(),
  inbox: null,
  abuse: [],
  closed: false,
  queue: Promise.resolve(),
});

import type { Message } from './message.ts';

/**
 * Messages the bus has numbered that the message store may not hold yet. In the scaled profile
 * the persister writes the store behind the bus, and several persisters write out of order, so
 * the store can lag by a tail and hold holes for a moment; history reads fill them from here.
 * Implementation: the Redis Streams shard streams (the entries are there until trimmed).
 */
export interface UnpersistedMessages {
  /**
   * The conversation's messages with `fromSeq <= seq <= toSeq` that the bus still holds, in
   * ascending `seq`; any it no longer holds are left out. Only messages of `organizationId`.
   */
  range(
    organizationId: string,
    conversationId: string,
    fromSeq: number,
    toSeq: number,
  ): Promise<Message[]>;
}

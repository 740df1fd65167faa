import type { UnpersistedMessages } from '@flc/core';
import type { RedisContext } from '../redis/server.ts';
import { scanConversation } from './stream-scan.ts';

export interface RedisUnpersistedOptions {
  /** Most entries one read scans back through the partition stream. */
  scanLimit?: number;
}

/**
 * Reads messages the persister has not stored yet from the conversation's partition stream (see
 * `scanConversation`), on the context's shared command connection.
 */
export function createRedisUnpersisted(
  context: RedisContext,
  options: RedisUnpersistedOptions = {},
): UnpersistedMessages {
  const scanLimit = options.scanLimit ?? 10_000;
  return {
    range: (organizationId, conversationId, fromSeq, toSeq) =>
      context.redirected(() =>
        scanConversation(
          context.commands,
          context.layout,
          organizationId,
          conversationId,
          fromSeq,
          toSeq,
          scanLimit,
        ),
      ),
  };
}

import type { Bus, MessageStore } from '@flc/core';

export interface ErasureStores {
  bus: Pick<Bus, 'erase'>;
  messageStore: Pick<MessageStore, 'erase'>;
}

/**
 * Erases deleted conversations (their rows are gone from PostgreSQL) from the stores beside it:
 * the message store, then the streams and the bus's memory, then the message store again, so a
 * message a persister was storing meanwhile does not stay behind.
 */
export async function eraseConversations(
  stores: ErasureStores,
  organizationId: string,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  await stores.messageStore.erase(organizationId, conversationIds);
  await stores.bus.erase(conversationIds);
  await stores.messageStore.erase(organizationId, conversationIds);
}

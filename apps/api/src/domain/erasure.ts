import type { BlobStore, Bus, MessageStore } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';

export interface ErasureStores {
  bus: Pick<Bus, 'erase'>;
  messageStore: Pick<MessageStore, 'erase'>;
  blobs: Pick<BlobStore, 'delete'>;
  sql: Sql;
}

/**
 * Erases deleted conversations (their rows are gone from PostgreSQL) from the stores beside it:
 * the message store, then the streams and the bus's memory, then the message store again, so a
 * message a persister was storing meanwhile does not stay behind; and their attachments' bytes
 * (`eraseOrphanAttachments`).
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
  await eraseOrphanAttachments(stores, organizationId);
}

/**
 * Deletes the given attachments of the organization (those of a deleted message): their rows
 * leave their conversation, then go as orphans do.
 */
export async function eraseAttachments(
  stores: Pick<ErasureStores, 'blobs' | 'sql'>,
  organizationId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await stores.sql`
    update attachments set conversation_id = null
    where id = any(${[...ids]}::uuid[]) and organization_id = ${organizationId}`;
  await eraseOrphanAttachments(stores, organizationId);
}

/**
 * Deletes the attachments whose conversation is gone (their rows lost it then): the bytes from
 * the blob store, then the rows, counting their bytes off the organization's usage. Each row is
 * taken by one erasure only, so two at once never count a file twice.
 */
export async function eraseOrphanAttachments(
  stores: Pick<ErasureStores, 'blobs' | 'sql'>,
  organizationId: string,
): Promise<number> {
  const { sql } = stores;
  const orphans = await sql<{ id: string }[]>`
    select id from attachments where organization_id = ${organizationId} and conversation_id is null`;
  if (orphans.length === 0) return 0;
  await stores.blobs.delete(orphans.map((o) => `${organizationId}/${o.id}`));
  return sql.begin(async (tx) => {
    const gone = await tx<{ size: number }[]>`
      delete from attachments
      where id = any(${orphans.map((o) => o.id)}::uuid[]) and conversation_id is null
      returning size`;
    const bytes = gone.reduce((sum, row) => sum + row.size, 0);
    await tx`
      update attachment_usage set bytes = greatest(0, bytes - ${bytes})
      where organization_id = ${organizationId}`;
    return gone.length;
  });
}

import { announceRevoked, type BlobStore, type Bus, type MessageStore } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';
import { notFound, validation } from '../../lib/errors.ts';
import { type OperatorContext, recordOperatorEvent } from './events.ts';

/** Conversations and attachments handled per round trip. */
const BATCH = 1000;

export interface TenantErasureStores {
  sql: Sql;
  bus: Pick<Bus, 'signal' | 'erase'>;
  messageStore: Pick<MessageStore, 'erase'>;
  blobs: Pick<BlobStore, 'delete'>;
}

/**
 * Deletes a tenant the way a data subject's erasure deletes a contact, for every contact at
 * once: its sockets closed, then every message and note in the message store (PostgreSQL or
 * MongoDB) and the bus's streams and memory, then its attachments' bytes, then its rows (one
 * statement: the foreign keys cascade to everything the organization holds), then the message
 * store once more for what a persister was writing meanwhile. The tenant is suspended first, so
 * nothing new comes in; a deletion that stopped half-way is finished by asking again.
 */
export class TenantErasure {
  constructor(private readonly stores: TenantErasureStores) {}

  async delete(context: OperatorContext, id: string, confirmName: string) {
    const { sql } = this.stores;
    const [row] = await sql<{ name: string }[]>`select name from organizations where id = ${id}`;
    if (!row) throw notFound('Tenant');
    if (row.name !== confirmName) {
      throw validation('The request is invalid', [
        { path: 'body.confirmName', message: "Must be the tenant's name, exactly" },
      ]);
    }
    await sql`
      update organizations set suspended_at = coalesce(suspended_at, now()),
        suspended_reason = coalesce(suspended_reason, 'being deleted')
      where id = ${id}`;
    await recordOperatorEvent(sql, context, 'tenant.deletion_started', id, { name: row.name });
    await announceRevoked(this.stores.bus, { organizationId: id });

    const conversationIds = await this.eraseMessages(id);
    await this.eraseAttachments(id);
    await sql.begin(async (tx) => {
      // Webhook deliveries, audit events, contacts, agents...: every row cascades from here.
      await tx`delete from organizations where id = ${id}`;
      await recordOperatorEvent(tx, context, 'tenant.deleted', id, {
        name: row.name,
        conversations: conversationIds.length,
      });
    });
    for (let i = 0; i < conversationIds.length; i += BATCH) {
      await this.stores.messageStore.erase(id, conversationIds.slice(i, i + BATCH));
    }
    return { deleted: true as const, conversations: conversationIds.length };
  }

  /** Every conversation's messages and stream entries, a batch at a time; answers their ids. */
  private async eraseMessages(organizationId: string): Promise<string[]> {
    const { sql, messageStore, bus } = this.stores;
    const all: string[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sql<{ id: string }[]>`
        select id from conversations
        where organization_id = ${organizationId} and id > ${after}
        order by id limit ${BATCH}`;
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return all;
      await messageStore.erase(organizationId, ids);
      await bus.erase(ids);
      all.push(...ids);
      after = ids.at(-1) as string;
    }
  }

  /** The bytes of every attachment, sent or only uploaded; their rows go with the tenant. */
  private async eraseAttachments(organizationId: string): Promise<void> {
    const { sql, blobs } = this.stores;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sql<{ id: string }[]>`
        select id from attachments
        where organization_id = ${organizationId} and id > ${after}
        order by id limit ${BATCH}`;
      if (rows.length === 0) return;
      await blobs.delete(rows.map((r) => `${organizationId}/${r.id}`));
      after = rows.at(-1)?.id as string;
    }
  }
}

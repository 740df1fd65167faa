import {
  announceRevoked,
  type BlobStore,
  type Bus,
  type ConversationRow,
  type MessageService,
  type MessageStore,
  scopeOf,
} from '@flc/core';
import type { Message } from '@flc/protocol/resources';
import {
  type AuditContext,
  inScope,
  type PostgresConversationStore,
  recordAudit,
  type Sql,
} from '@flc/storage/postgres';
import { type ContactRow, contactColumns, toContact } from '../../domain/contact.ts';
import { toConversation } from '../../domain/conversation.ts';
import { eraseConversations } from '../../domain/erasure.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';

/** Conversations and messages read per page while exporting. */
const PAGE = 500;

interface DataRightsDeps {
  sql: Sql;
  bus: Bus;
  messageStore: MessageStore;
  blobs: BlobStore;
  messages: MessageService;
  conversations: PostgresConversationStore;
}

/**
 * A data subject's rights over what a tenant holds about one contact: a complete export, and
 * an erasure from every store (PostgreSQL, the message store, the Redis streams and the bus's
 * memory of recent sends). Owners, admins and the environment's API keys only; each is audited.
 */
export class DataRightsService {
  constructor(private readonly deps: DataRightsDeps) {}

  /** Everything about the contact: profile, conversations, and every message and note in them. */
  async export(actor: InboxActor, audit: AuditContext, id: string) {
    mayActOnData(actor);
    const contact = await this.contact(actor, id);
    const rows = await this.conversationsOf(actor, id);
    const messages: Message[] = [];
    for (const row of rows) {
      let afterSeq = 0;
      for (;;) {
        const page = await this.deps.messages.history(actor, row.id, { afterSeq, limit: PAGE });
        messages.push(...page.items);
        const last = page.items.at(-1);
        if (!page.hasMore || !last) break;
        afterSeq = last.seq;
      }
    }
    await recordAudit(this.deps.sql, {
      ...audit,
      organizationId: actor.organizationId,
      action: 'contact.exported',
      target: { type: 'contact', id },
      details: { conversations: rows.length, messages: messages.length },
    });
    return {
      exportedAt: new Date().toISOString(),
      contact: toContact(contact),
      conversations: rows.map(toConversation),
      messages,
    };
  }

  /**
   * Deletes the contact, its conversations and everything in them, in every store. The database
   * rows go in one transaction (with the webhook deliveries about them), then the message store
   * and the streams (`eraseConversations`).
   */
  async erase(actor: InboxActor, audit: AuditContext, id: string) {
    mayActOnData(actor);
    const { organizationId } = actor;
    const conversationIds = await this.deps.sql.begin(async (tx) => {
      const [contact] = await tx<{ id: string }[]>`
        select id from contacts where id = ${id} and ${inScope(tx, scopeOf(actor))} for update`;
      if (!contact) throw notFound('Contact');
      const rows = await tx<{ id: string }[]>`
        select id from conversations where contact_id = ${id} and organization_id = ${organizationId}`;
      const ids = rows.map((r) => r.id);
      await tx`
        delete from webhook_deliveries
        where subject_id = any(${[id, ...ids]}::uuid[])
          and webhook_id in (select id from webhooks where organization_id = ${organizationId})`;
      await tx`delete from contacts where id = ${id}`;
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'contact.erased',
        target: { type: 'contact', id },
        details: { conversations: ids.length },
      });
      return ids;
    });
    // The visitor's open sockets close on every node (4001), as for a deleted environment.
    await announceRevoked(this.deps.bus, { contactId: id });
    await eraseConversations(this.deps, organizationId, conversationIds);
    return { erased: true as const, conversations: conversationIds.length };
  }

  private async contact(actor: InboxActor, id: string): Promise<ContactRow> {
    const { sql } = this.deps;
    const [row] = await sql<ContactRow[]>`
      select ${sql.unsafe(contactColumns)} from contacts
      where id = ${id} and ${inScope(sql, scopeOf(actor))}`;
    if (!row) throw notFound('Contact');
    return row;
  }

  private async conversationsOf(actor: InboxActor, contactId: string): Promise<ConversationRow[]> {
    const all: ConversationRow[] = [];
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows = await this.deps.conversations.list(
        scopeOf(actor),
        { contactId },
        { limit: PAGE, after },
      );
      all.push(...rows.slice(0, PAGE));
      const last = rows[PAGE - 1];
      if (rows.length <= PAGE || !last) return all;
      after = { at: last.activity_key, id: last.id };
    }
  }
}

/** Agents who are not owners or admins may not export or erase a person's data. */
function mayActOnData(actor: InboxActor): void {
  if (actor.type === 'agent' && actor.role === 'agent') {
    throw forbidden("Only owners, admins and API keys may export or erase a contact's data");
  }
}

import { scopeOf } from '@flc/core';
import { inScope, type Sql } from '@flc/storage/postgres';
import {
  type ContactRow,
  contactColumns,
  toContact,
  upsertContactByExternalId,
} from '../../domain/contact.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import type { ContactsQuery, ContactUpsert } from './model.ts';

/** Contacts of the organization; an API key sees and writes only its own environment's. */
export class ContactService {
  constructor(private readonly sql: Sql) {}

  private where(actor: InboxActor) {
    return inScope(this.sql, scopeOf(actor));
  }

  async list(actor: InboxActor, query: ContactsQuery) {
    const sql = this.sql;
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const rows = await sql<ContactRow[]>`
      select ${sql.unsafe(contactColumns)} from contacts
      where ${this.where(actor)}
        ${query.environmentId ? sql`and environment_id = ${query.environmentId}` : sql``}
        ${after ? sql`and id > ${after}` : sql``}
      order by id limit ${limit + 1}`;
    return toPage(rows, limit, toContact);
  }

  async get(actor: InboxActor, id: string) {
    const [row] = await this.sql<ContactRow[]>`
      select ${this.sql.unsafe(contactColumns)} from contacts
      where id = ${id} and ${this.where(actor)}`;
    if (!row) throw notFound('Contact');
    return toContact(row);
  }

  /**
   * The tenant backend's sync: its id is the key, within the API key's environment. Agents are
   * refused: which environment would they mean, and the console edits contacts by id.
   */
  async upsert(actor: InboxActor, externalId: string, input: ContactUpsert) {
    if (actor.type !== 'bot') {
      throw forbidden('Only an API key can upsert contacts by external id');
    }
    const { contact, created } = await upsertContactByExternalId(this.sql, {
      organizationId: actor.organizationId,
      environmentId: actor.environmentId,
      externalId,
      ...input,
    });
    return { contact: toContact(contact), created };
  }
}

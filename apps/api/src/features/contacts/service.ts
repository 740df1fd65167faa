import { scopeOf } from '@flc/core';
import { labelLimits } from '@flc/protocol/resources';
import { findLabel, inScope, linkLabel, type Sql } from '@flc/storage/postgres';
import {
  type ContactRow,
  contactColumns,
  contactEvent,
  toContact,
  upsertContactByExternalId,
} from '../../domain/contact.ts';
import { withEvents } from '../../domain/webhook-events.ts';
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
        ${
          query.label
            ? sql`and exists (select 1 from contact_labels cl
                              where cl.contact_id = contacts.id and cl.label_id = ${query.label})`
            : sql``
        }
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

  /**
   * Puts one of the organization's labels on the contact (`on`) or takes it off. A change moves
   * `updatedAt` and makes a `contact.updated` (the contact with its `labelIds`), committed with
   * it; a label on already (or off already) changes nothing. The contact's row is locked first,
   * so its label count is exact when two agents label it at once (409 past the limit).
   */
  async label(actor: InboxActor, id: string, labelId: string, on: boolean) {
    const row = await withEvents(this.sql, async (tx) => {
      const [locked] = await tx`
        select id from contacts where id = ${id} and ${inScope(tx, scopeOf(actor))}
        for no key update`;
      if (!locked) throw notFound('Contact');
      const label = await findLabel(tx, actor.organizationId, labelId);
      if (!label) throw notFound('Label');
      const changed = await linkLabel(tx, 'contact', id, label, on, labelLimits.perContact);
      const [row] = changed
        ? await tx<ContactRow[]>`
            update contacts set updated_at = now() where id = ${id}
            returning ${tx.unsafe(contactColumns)}`
        : await tx<
            ContactRow[]
          >`select ${tx.unsafe(contactColumns)} from contacts where id = ${id}`;
      if (!row) throw notFound('Contact');
      const events = changed ? [contactEvent('contact.updated', actor.organizationId, row)] : [];
      return { value: row, events };
    });
    return toContact(row);
  }
}

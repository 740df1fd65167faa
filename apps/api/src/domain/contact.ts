import { uuidv7, type WebhookEventInput } from '@flc/core';
import type { Contact, WidgetContact } from '@flc/protocol/resources';
import type { JsonValue, Sql } from '@flc/storage/postgres';
import { newId } from '../lib/secrets.ts';
import { withEvents } from './webhook-events.ts';

export interface ContactRow {
  id: string;
  environment_id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  last_seen_at: Date | null;
  /** The organization's labels on the contact, by id, oldest label first. */
  label_ids: string[];
}

/** Selected from `contacts` (or returned by a write to it), unaliased. */
export const contactColumns = `id, environment_id, external_id, name, email, attributes,
  created_at, updated_at, last_seen_at,
  array(select cl.label_id::text from contact_labels cl
        where cl.contact_id = contacts.id order by cl.label_id) as label_ids`;

export const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  environmentId: r.environment_id,
  externalId: r.external_id,
  name: r.name,
  email: r.email,
  attributes: r.attributes,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  labelIds: r.label_ids,
});

export const toWidgetContact = (r: ContactRow): WidgetContact => ({
  id: r.id,
  name: r.name,
  email: r.email,
});

export interface ContactUpsert {
  organizationId: string;
  environmentId: string;
  externalId: string;
  /** `undefined` keeps the stored value; `null` clears it. */
  name?: string | null | undefined;
  email?: string | null | undefined;
  /** Merged key by key into the stored attributes; a `null` value removes its key. */
  attributes?: Record<string, unknown> | undefined;
  /** A widget boot: records the visit. */
  seen?: boolean;
}

/** `contact.created` or `.updated`: the contact as the API shows it to the tenant. */
export const contactEvent = (
  type: 'contact.created' | 'contact.updated',
  organizationId: string,
  row: ContactRow,
): WebhookEventInput => ({
  id: uuidv7(),
  type,
  organizationId,
  environmentId: row.environment_id,
  subjectId: row.id,
  occurredAt: (type === 'contact.created' ? row.created_at : row.updated_at).toISOString(),
  data: { contact: toContact(row) },
});

/**
 * The contact with this external id in the environment, created on first sight. One statement,
 * so two concurrent boots of a new member still make one contact. `updated_at` moves only when
 * a field actually changes, and so does `contact.updated`: a member booting the widget with the
 * same profile on every page makes no event. The event commits with the change.
 */
export async function upsertContactByExternalId(
  sql: Sql,
  input: ContactUpsert,
): Promise<{ contact: ContactRow; created: boolean }> {
  const entries = Object.entries(input.attributes ?? {});
  // Parsed from a JSON body, so JSON-safe whatever its static type says.
  const set = Object.fromEntries(entries.filter(([, v]) => v !== null)) as JsonValue;
  const remove = entries.filter(([, v]) => v === null).map(([k]) => k);
  const seen = input.seen ?? false;
  const nameGiven = input.name !== undefined;
  const emailGiven = input.email !== undefined;
  return withEvents(sql, async (tx) => {
    const [row] = await tx<(ContactRow & { created: boolean; changed: boolean })[]>`
      insert into contacts
        (id, organization_id, environment_id, external_id, name, email, attributes, last_seen_at)
      values (${newId()}, ${input.organizationId}, ${input.environmentId}, ${input.externalId},
              ${input.name ?? null}, ${input.email ?? null}, ${tx.json(set)},
              ${seen ? tx`now()` : null})
      on conflict (environment_id, external_id) do update set
        name = case when ${nameGiven} then excluded.name else contacts.name end,
        email = case when ${emailGiven} then excluded.email else contacts.email end,
        attributes = (contacts.attributes || excluded.attributes) - ${tx.array(remove)}::text[],
        last_seen_at = case when ${seen} then now() else contacts.last_seen_at end,
        updated_at = case
          when (case when ${nameGiven} then excluded.name else contacts.name end,
                case when ${emailGiven} then excluded.email else contacts.email end,
                (contacts.attributes || excluded.attributes) - ${tx.array(remove)}::text[])
               is distinct from (contacts.name, contacts.email, contacts.attributes)
          then now() else contacts.updated_at end
      returning ${tx.unsafe(contactColumns)}, (xmax = 0) as created,
        (updated_at = now()) as changed`;
    if (!row) throw new Error('contact upsert returned no row');
    const { created, changed, ...contact } = row;
    const events =
      created || changed
        ? [
            contactEvent(
              created ? 'contact.created' : 'contact.updated',
              input.organizationId,
              contact,
            ),
          ]
        : [];
    return { value: { contact, created }, events };
  });
}

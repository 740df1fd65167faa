import type { JsonValue, Sql } from '@flc/storage/postgres';
import { t } from 'elysia';
import { Id, Timestamp } from '../lib/models.ts';
import { newId } from '../lib/secrets.ts';

export const Contact = t.Object({
  id: Id,
  environmentId: Id,
  externalId: t.Nullable(
    t.String({ description: "The tenant's id for this person (an identified visitor's memberId)" }),
  ),
  name: t.Nullable(t.String()),
  email: t.Nullable(t.String()),
  attributes: t.Record(t.String(), t.Unknown(), { description: 'Set by the tenant backend' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastSeenAt: t.Nullable(Timestamp, { description: 'Last widget boot' }),
});
export type Contact = typeof Contact.static;

/** What a visitor learns about itself: never the tenant's attributes or ids. */
export const WidgetContact = t.Object({
  id: Id,
  name: t.Nullable(t.String()),
  email: t.Nullable(t.String()),
});

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
}

export const contactColumns =
  'id, environment_id, external_id, name, email, attributes, created_at, updated_at, last_seen_at';

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
});

export const toWidgetContact = (r: ContactRow) => ({ id: r.id, name: r.name, email: r.email });

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

/**
 * The contact with this external id in the environment, created on first sight. One statement,
 * so two concurrent boots of a new member still make one contact.
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
  const changes = input.name !== undefined || input.email !== undefined || entries.length > 0;
  const [row] = await sql<(ContactRow & { created: boolean })[]>`
    insert into contacts
      (id, organization_id, environment_id, external_id, name, email, attributes, last_seen_at)
    values (${newId()}, ${input.organizationId}, ${input.environmentId}, ${input.externalId},
            ${input.name ?? null}, ${input.email ?? null}, ${sql.json(set)},
            ${seen ? sql`now()` : null})
    on conflict (environment_id, external_id) do update set
      name = case when ${input.name !== undefined} then excluded.name else contacts.name end,
      email = case when ${input.email !== undefined} then excluded.email else contacts.email end,
      attributes = (contacts.attributes || excluded.attributes) - ${sql.array(remove)}::text[],
      last_seen_at = case when ${seen} then now() else contacts.last_seen_at end,
      updated_at = case when ${changes} then now() else contacts.updated_at end
    returning ${sql.unsafe(contactColumns)}, (xmax = 0) as created`;
  if (!row) throw new Error('contact upsert returned no row');
  const { created, ...contact } = row;
  return { contact, created };
}

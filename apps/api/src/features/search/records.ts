import { type Scope, substringSnippet } from '@flc/core';
import type { ContactHit, ConversationHit } from '@flc/protocol/resources';
import { inScope, type Sql } from '@flc/storage/postgres';
import { containsPattern, prefixPattern } from '../../lib/like.ts';

interface ContactRow {
  id: string;
  environment_id: string;
  name: string | null;
  email: string | null;
  external_id: string | null;
  attributes: Record<string, unknown>;
}

const contains = (value: string | null, q: string): value is string =>
  value?.toLocaleLowerCase().includes(q.toLocaleLowerCase()) === true;

/** Where in the contact the text is, as the hit's field and snippet. */
function contactMatch(row: ContactRow, q: string): Pick<ContactHit, 'field'> & { text: string } {
  if (contains(row.name, q)) return { field: 'name', text: row.name };
  if (contains(row.email, q)) return { field: 'email', text: row.email };
  if (contains(row.external_id, q)) return { field: 'externalId', text: row.external_id };
  for (const [key, value] of Object.entries(row.attributes)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (contains(text, q)) return { field: 'attributes', text: `${key}: ${text}` };
  }
  return { field: 'name', text: row.name ?? '' };
}

/**
 * Contacts whose name, email, external id or an attribute's value holds the text: exact
 * matches first, then those starting with it, then the rest by name. A walk of the scope's
 * contacts (`contacts_organization_idx`): an organization's contacts are few next to its
 * messages.
 */
export async function searchContacts(
  sql: Sql,
  scope: Scope,
  q: string,
  limit: number,
): Promise<ContactHit[]> {
  const like = containsPattern(q);
  const starts = prefixPattern(q);
  const rows = await sql<ContactRow[]>`
    select id, environment_id, name, email, external_id, attributes from contacts
    where ${inScope(sql, scope)}
      and (name ilike ${like} or email ilike ${like} or external_id ilike ${like}
           or exists (select 1 from jsonb_each_text(attributes) a where a.value ilike ${like}))
    order by
      case when lower(name) = lower(${q}) or lower(email) = lower(${q})
                or lower(external_id) = lower(${q}) then 0
           when name ilike ${starts} or email ilike ${starts} or external_id ilike ${starts} then 1
           else 2 end,
      name nulls last, id
    limit ${limit}`;
  return rows.map((r) => {
    const { field, text } = contactMatch(r, q);
    return {
      type: 'contact',
      ...substringSnippet(text, q),
      id: r.id,
      environmentId: r.environment_id,
      name: r.name,
      email: r.email,
      externalId: r.external_id,
      field,
    };
  });
}

interface ConversationRow {
  id: string;
  environment_id: string;
  contact_id: string;
  contact_name: string | null;
  contact_email: string | null;
  status: ConversationHit['status'];
  last_activity_at: Date;
  last_body: string | null;
}

/**
 * Conversations whose contact's name or email, or whose last message, holds the text; the most
 * recently active first. The snippet is the last message when it matched, else the contact.
 */
export async function searchConversations(
  sql: Sql,
  scope: Scope,
  q: string,
  limit: number,
): Promise<ConversationHit[]> {
  const like = containsPattern(q);
  const rows = await sql<ConversationRow[]>`
    select c.id, c.environment_id, c.contact_id, ct.name as contact_name,
           ct.email as contact_email, c.status, c.last_activity_at,
           c.last_message->>'body' as last_body
    from conversations c join contacts ct on ct.id = c.contact_id
    where ${inScope(sql, scope, 'c')}
      and (ct.name ilike ${like} or ct.email ilike ${like} or c.last_message->>'body' ilike ${like})
    order by c.last_activity_at desc, c.id desc
    limit ${limit}`;
  return rows.map((r) => {
    const text = contains(r.last_body, q)
      ? r.last_body
      : contains(r.contact_name, q)
        ? r.contact_name
        : (r.contact_email ?? '');
    return {
      type: 'conversation',
      ...substringSnippet(text, q),
      id: r.id,
      environmentId: r.environment_id,
      contactId: r.contact_id,
      contactName: r.contact_name,
      status: r.status,
      lastActivityAt: r.last_activity_at.toISOString(),
    };
  });
}

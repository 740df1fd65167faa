import type { Queryable } from '../postgres/database.ts';

export interface SeededConversation {
  organizationId: string;
  environmentId: string;
  contactId: string;
  conversationId: string;
}

/**
 * A conversation with a real tenant above it (organization, environment, contact), for suites
 * that write rows referencing it.
 */
export async function seedConversation(sql: Queryable): Promise<SeededConversation> {
  const [organizationId, environmentId, contactId, conversationId] = Array.from({ length: 4 }, () =>
    Bun.randomUUIDv7(),
  ) as [string, string, string, string];
  await sql`insert into organizations (id, name) values (${organizationId}, 'Store test')`;
  await sql`
    insert into environments (id, organization_id, name, plugin_key, identity_secret)
    values (${environmentId}, ${organizationId}, 'Production', ${`pk_${environmentId}`}, 'secret')`;
  await sql`
    insert into contacts (id, organization_id, environment_id, name)
    values (${contactId}, ${organizationId}, ${environmentId}, 'Vic')`;
  await sql`
    insert into conversations (id, organization_id, environment_id, contact_id)
    values (${conversationId}, ${organizationId}, ${environmentId}, ${contactId})`;
  return { organizationId, environmentId, contactId, conversationId };
}

/** A webhook of the conversation's environment subscribed to `events`; answers its id. */
export async function seedWebhook(
  sql: Queryable,
  at: Pick<SeededConversation, 'organizationId' | 'environmentId'>,
  events: string[],
): Promise<string> {
  const id = Bun.randomUUIDv7();
  await sql`
    insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
    values (${id}, ${at.organizationId}, ${at.environmentId}, 'https://hooks.example.com/flc',
            ${sql.array(events)}::text[], 'whsec_test')`;
  return id;
}

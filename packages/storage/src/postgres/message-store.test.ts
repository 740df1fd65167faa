import type { Sql } from '../postgres/database.ts';
import { describeMessageStore, pgliteTarget, postgresTarget } from '../testing/index.ts';
import { PostgresMessageStore } from './message-store.ts';

/** Messages reference their conversation, so each test conversation gets a real tenant above it. */
async function conversationRow(sql: Sql) {
  const [organizationId, environmentId, contactId, conversationId] = Array.from({ length: 4 }, () =>
    Bun.randomUUIDv7(),
  ) as [string, string, string, string];
  await sql`insert into organizations (id, name) values (${organizationId}, 'Store test')`;
  await sql`
    insert into environments (id, organization_id, name, plugin_key, identity_secret)
    values (${environmentId}, ${organizationId}, 'Production', ${`pk_${environmentId}`}, 'secret')`;
  await sql`
    insert into contacts (id, organization_id, environment_id)
    values (${contactId}, ${organizationId}, ${environmentId})`;
  await sql`
    insert into conversations (id, organization_id, environment_id, contact_id)
    values (${conversationId}, ${organizationId}, ${environmentId}, ${contactId})`;
  return { organizationId, conversationId };
}

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describeMessageStore(`postgres store on ${target.name}`, async () => {
    const db = await target.open();
    return {
      store: new PostgresMessageStore(db.sql),
      conversation: () => conversationRow(db.sql),
      close: () => db.close(),
    };
  });
}

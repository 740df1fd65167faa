import { PostgresMessageStore, type Sql } from '@flc/storage/postgres';
import { random, sentence } from './corpus.ts';

type Message = Parameters<PostgresMessageStore['insert']>[0][number];

export interface SearchSeed {
  messages: number;
  /** µs per message of batched inserts, with the search trigger and without it. */
  insertUsPerMessage: { withTrigger: number; withoutTrigger: number };
}

const BATCH = 1_000;
const PER_CONVERSATION = 50;

/** An environment, contacts and conversations of the organization, `PER_CONVERSATION` messages each. */
async function conversations(sql: Sql, organizationId: string, count: number): Promise<string[]> {
  const environmentId = Bun.randomUUIDv7();
  await sql`
    insert into environments (id, organization_id, name, plugin_key, identity_secret)
    values (${environmentId}, ${organizationId}, ${`Search ${environmentId.slice(-6)}`},
            ${`pk_${environmentId}`}, 'secret')`;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const contactId = Bun.randomUUIDv7();
    const id = Bun.randomUUIDv7();
    await sql`
      insert into contacts (id, organization_id, environment_id, name, email)
      values (${contactId}, ${organizationId}, ${environmentId}, ${`Visitor ${i}`},
              ${`visitor-${i}@example.com`})`;
    await sql`
      insert into conversations (id, organization_id, environment_id, contact_id)
      values (${id}, ${organizationId}, ${environmentId}, ${contactId})`;
    ids.push(id);
  }
  return ids;
}

/** Inserts `count` messages in batches; answers the µs per message the inserts took. */
async function insertMessages(
  sql: Sql,
  organizationId: string,
  count: number,
  seed: number,
): Promise<number> {
  const store = new PostgresMessageStore(sql);
  const next = random(seed);
  const ids = await conversations(sql, organizationId, Math.ceil(count / PER_CONVERSATION));
  const start = Date.UTC(2025, 0, 1);
  let spent = 0;
  for (let from = 0; from < count; from += BATCH) {
    const batch: Message[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      batch.push({
        id: Bun.randomUUIDv7(),
        organizationId,
        conversationId: ids[Math.floor(i / PER_CONVERSATION)] as string,
        seq: (i % PER_CONVERSATION) + 1,
        sender: { type: i % 2 === 0 ? 'visitor' : 'agent', id: 'bench' },
        body: sentence(next),
        createdAt: new Date(start + i * 60_000).toISOString(),
      });
    }
    const t0 = performance.now();
    await store.insert(batch);
    spent += performance.now() - t0;
  }
  return (spent * 1000) / count;
}

/** µs per message of `sample` messages in a scratch organization (deleted afterwards). */
async function insertCost(sql: Sql, sample: number, trigger: boolean): Promise<number> {
  const scratch = Bun.randomUUIDv7();
  await sql`insert into organizations (id, name) values (${scratch}, 'Insert cost')`;
  if (!trigger) await sql`alter table messages disable trigger messages_search_vector`;
  try {
    return await insertMessages(sql, scratch, sample, trigger ? 11 : 12);
  } finally {
    if (!trigger) await sql`alter table messages enable trigger messages_search_vector`;
    await sql`delete from organizations where id = ${scratch}`;
  }
}

/**
 * `count` messages of realistic support text in the organization, through the store's batched
 * insert (the persister's path). Then the insert cost, on the same warm table, of a sample in a
 * scratch organization with the search trigger and of another without it.
 */
export async function seedMessages(
  sql: Sql,
  organizationId: string,
  count: number,
  log: (line: string) => void,
): Promise<SearchSeed> {
  const seeding = await insertMessages(sql, organizationId, count, 42);
  log(`inserted ${count} messages: ${seeding.toFixed(1)} µs/message`);
  const sample = Math.min(count, 20_000);
  const withTrigger = await insertCost(sql, sample, true);
  const withoutTrigger = await insertCost(sql, sample, false);
  log(
    `insert of ${sample} more: ${withTrigger.toFixed(1)} µs/message with the search trigger, ` +
      `${withoutTrigger.toFixed(1)} without`,
  );
  return { messages: count, insertUsPerMessage: { withTrigger, withoutTrigger } };
}

import postgres from 'postgres';
import type { Rest } from './rest.ts';

// What a kill test waits for behind the bus: the store to have caught up. Both answer a count
// rather than fail, so the test's own assertion says what was missing.

/**
 * How many messages of the conversation the store holds once it has `want` or `ms` has passed:
 * the persister works behind the bus, so the history is read again until it caught up.
 */
export async function storedCount(
  call: Rest,
  conversationId: string,
  auth: Record<string, string>,
  want: number,
  ms: number,
): Promise<number> {
  const deadline = Date.now() + ms;
  let items: unknown[] = [];
  while (items.length < want && Date.now() < deadline) {
    const page = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=100`,
      undefined,
      auth,
    );
    items = page.body.items;
  }
  return items.length;
}

/**
 * How many messages of the conversations the database holds, once it has `want` of them (each
 * `(conversation, seq)` once) or 30 s have passed: the persisters work behind the bus.
 */
export async function persisted(
  databaseUrl: string,
  conversationIds: string[],
  want: number,
): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await sql<{ count: number }[]>`
        select count(distinct (conversation_id, seq))::int as count from messages
        where conversation_id = any(${conversationIds}::uuid[])`;
      const count = row?.count ?? 0;
      if (count >= want || Date.now() > deadline) return count;
      await Bun.sleep(200); // the persister's progress is not an event a test can await
    }
  } finally {
    await sql.end();
  }
}

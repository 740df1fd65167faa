import type { Queryable } from './database.ts';

/**
 * Re-indexes an organization's messages in its current search configuration (after its
 * language changed), a batch of its conversations at a time, so no statement holds many rows
 * locked for long. Each batch reads the configuration anew: a later change wins. Answers how many
 * messages were re-indexed.
 */
export async function reindexMessages(
  sql: Queryable,
  organizationId: string,
  conversationsPerBatch = 100,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const batch = await sql<{ id: string }[]>`
      select id from conversations
      where organization_id = ${organizationId} and id > ${after}
      order by id limit ${conversationsPerBatch}`;
    const last = batch.at(-1);
    if (!last) return total;
    const done = await sql`
      update messages m set search_vector = to_tsvector(o.search_config, m.body)
      from organizations o
      where o.id = ${organizationId} and m.organization_id = ${organizationId}
        and m.conversation_id = any(${batch.map((c) => c.id)}::uuid[])`;
    total += done.count;
    after = last.id;
  }
}

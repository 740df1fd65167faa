import { type Actor, uuidv7 } from '@flc/core';
import { type Database, migrate, openDatabase, type Sql } from '@flc/storage/postgres';
import { createTestDatabase } from '@flc/storage/testing';

export interface FreshDatabase {
  /** The database's URL, for processes and workers that connect on their own. */
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A new, migrated database on the test PostgreSQL server. */
export async function freshDatabase(adminUrl: string): Promise<FreshDatabase> {
  const fresh = await createTestDatabase(adminUrl, 'flc_workers');
  const db = await openDatabase({ databaseUrl: fresh.url, max: 5 });
  await migrate(db.sql);
  return {
    url: fresh.url,
    db,
    async drop() {
      await db.close();
      await fresh.drop();
    },
  };
}

export interface Tenant {
  organizationId: string;
  conversationIds: string[];
  visitor: Actor;
  agent: Actor;
}

/** One organization with an agent, a contact and `conversations` conversations of that contact. */
export async function seedTenant(sql: Sql, conversations: number): Promise<Tenant> {
  const [organizationId, environmentId, contactId, agentId] = [
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
  ];
  await sql`insert into organizations (id, name) values (${organizationId}, 'Persisted Co')`;
  await sql`
    insert into environments (id, organization_id, name, plugin_key, identity_secret)
    values (${environmentId}, ${organizationId}, 'production', ${`pk_${agentId}`}, 'secret')`;
  await sql`
    insert into agents (id, organization_id, email, name, role, status)
    values (${agentId}, ${organizationId}, ${`${agentId}@example.test`}, 'Ann', 'owner', 'active')`;
  await sql`
    insert into contacts (id, organization_id, environment_id, name)
    values (${contactId}, ${organizationId}, ${environmentId}, 'Vic')`;
  const conversationIds = Array.from({ length: conversations }, () => uuidv7());
  for (const id of conversationIds) {
    await sql`
      insert into conversations (id, organization_id, environment_id, contact_id)
      values (${id}, ${organizationId}, ${environmentId}, ${contactId})`;
  }
  return {
    organizationId,
    conversationIds,
    visitor: { type: 'visitor', id: contactId, organizationId },
    agent: { type: 'agent', id: agentId, organizationId, name: 'Ann' },
  };
}

/**
 * Resolves once `check` answers true, asking again every 25 ms: for states no event announces
 * (an acknowledgement in Redis, a row count). Fails with `what` after `timeoutMs`.
 */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

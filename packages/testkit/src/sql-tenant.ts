import { type Actor, uuidv7 } from '@flc/core';
import { type Database, migrate, openDatabase, type Sql } from '@flc/storage/postgres';
import { createTestDatabase, seedConversation } from '@flc/storage/testing';

/**
 * Tenants written straight into the tables, for suites below the API (the persister, the webhook
 * dispatcher, the workers process) that need real rows to reference but no REST on top.
 */

export interface FreshDatabase {
  /** The database's URL, for processes and workers that connect on their own. */
  url: string;
  db: Database;
  /** Closes `db` and drops the database. */
  drop(): Promise<void>;
}

/** A new, migrated database on the test PostgreSQL server at `adminUrl`. */
export async function freshDatabase(adminUrl: string): Promise<FreshDatabase> {
  const fresh = await createTestDatabase(adminUrl);
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

export interface SqlTenant {
  organizationId: string;
  environmentId: string;
  /** At least one; all of the same contact. */
  conversationIds: string[];
  /** The contact, as the actor its messages are appended as. */
  visitor: Actor;
  /** The organization's owner, as an actor. */
  agent: Actor;
}

/**
 * One organization with an owner, a contact and `conversations` conversations of that contact.
 * The organization, environment, contact and first conversation are the store suites' own
 * (`seedConversation`); the owner and the other conversations are added to them.
 */
export async function seedTenant(sql: Sql, conversations: number): Promise<SqlTenant> {
  const first = await seedConversation(sql);
  const { organizationId, environmentId, contactId } = first;
  const agentId = uuidv7();
  await sql`
    insert into agents (id, organization_id, email, name, role, status)
    values (${agentId}, ${organizationId}, ${`${agentId}@example.test`}, 'Ann', 'owner', 'active')`;
  const conversationIds = [first.conversationId];
  while (conversationIds.length < conversations) {
    const id = uuidv7();
    await sql`
      insert into conversations (id, organization_id, environment_id, contact_id)
      values (${id}, ${organizationId}, ${environmentId}, ${contactId})`;
    conversationIds.push(id);
  }
  return {
    organizationId,
    environmentId,
    conversationIds,
    visitor: { type: 'visitor', id: contactId, organizationId },
    agent: { type: 'agent', id: agentId, organizationId, name: 'Ann' },
  };
}

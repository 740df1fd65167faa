import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ConflictError, conversationMoves, NotFoundError, uuidv7 } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
  seedWebhook,
} from '../testing/index.ts';
import { PostgresConversationChanges } from './conversation-changes.ts';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Database, Queryable } from './database.ts';

// Labels on conversations, on PGlite and PostgreSQL: every row the store answers (the inbox,
// the message path, a change) carries its label ids; a label goes on and off once, with its
// webhook event in the same transaction; a label of another organization never goes on, not
// even by a hand-written insert; and the inbox filtered by a label pages like the whole inbox.
async function seedLabel(sql: Queryable, organizationId: string, name: string): Promise<string> {
  const id = uuidv7();
  await sql`insert into labels (id, organization_id, name, color)
            values (${id}, ${organizationId}, ${name}, '#336699')`;
  return id;
}

/** Another conversation of the same tenant (environment and contact). */
async function sibling(sql: Queryable, c: SeededConversation): Promise<string> {
  const id = uuidv7();
  await sql`insert into conversations (id, organization_id, environment_id, contact_id)
            values (${id}, ${c.organizationId}, ${c.environmentId}, ${c.contactId})`;
  return id;
}

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`conversation labels on ${target.name}`, () => {
    let db: Database;
    let store: PostgresConversationStore;
    let changes: PostgresConversationChanges;
    beforeAll(async () => {
      db = await target.open();
      store = new PostgresConversationStore(db.sql);
      changes = new PostgresConversationChanges(db.sql);
    }, 60_000);
    afterAll(() => db.close());

    const scope = (c: SeededConversation) => ({ organizationId: c.organizationId });
    const events = (webhookId: string) =>
      db.sql<{ event_type: string; payload: Record<string, unknown> }[]>`
        select event_type, payload from webhook_deliveries
        where webhook_id = ${webhookId} order by ordinal`;

    test('a label goes on and off once, each change with its event; the rows carry it', async () => {
      const c = await seedConversation(db.sql);
      const hook = await seedWebhook(db.sql, c, ['conversation.labels_changed']);
      const vip = await seedLabel(db.sql, c.organizationId, 'VIP');
      const before = await store.get(scope(c), c.conversationId);
      expect(before.label_ids).toEqual([]);

      const on = await changes.label(scope(c), c.conversationId, vip, true, 20);
      expect(on).toMatchObject({ changed: true, label: { id: vip, name: 'VIP' } });
      expect(on.row.label_ids).toEqual([vip]);
      expect(on.row.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
      const again = await changes.label(scope(c), c.conversationId, vip, true, 20);
      expect(again.changed).toBe(false);
      expect(again.row.label_ids).toEqual([vip]);

      // The message path's rows and a status change's carry the labels too.
      const m = {
        conversationId: c.conversationId,
        seq: 1,
        lastMessage: {
          seq: 1,
          body: 'hi',
          sender: { type: 'visitor' as const, id: c.contactId },
          createdAt: new Date().toISOString(),
        },
      };
      expect((await store.recordMessage(m))?.label_ids).toEqual([vip]);
      const message = {
        id: uuidv7(),
        organizationId: c.organizationId,
        conversationId: c.conversationId,
        seq: 2,
        sender: m.lastMessage.sender,
        body: 'again',
        createdAt: new Date().toISOString(),
      };
      const [moved] = await store.recordMoves(conversationMoves([message]));
      expect(moved?.row.label_ids).toEqual([vip]);
      const patched = await store.patch(scope(c), c.conversationId, { status: 'closed' });
      expect(patched.label_ids).toEqual([vip]);

      const off = await changes.label(scope(c), c.conversationId, vip, false, 20);
      expect([off.changed, off.row.label_ids]).toEqual([true, []]);
      expect((await changes.label(scope(c), c.conversationId, vip, false, 20)).changed).toBe(false);

      const recorded = await events(hook);
      expect(recorded.map((e) => e.event_type)).toEqual([
        'conversation.labels_changed',
        'conversation.labels_changed',
      ]);
      expect(recorded[0]?.payload).toMatchObject({
        conversation: { id: c.conversationId, labelIds: [vip] },
        added: [{ id: vip, name: 'VIP', color: '#336699', description: null }],
        removed: [],
      });
      expect(recorded[1]?.payload).toMatchObject({
        conversation: { labelIds: [] },
        added: [],
        removed: [{ id: vip, name: 'VIP' }],
      });
    });

    test("another organization's label or conversation is not found, and the database refuses the pair", async () => {
      const c = await seedConversation(db.sql);
      const other = await seedConversation(db.sql);
      const theirs = await seedLabel(db.sql, other.organizationId, 'Theirs');
      const mine = await seedLabel(db.sql, c.organizationId, 'Mine');
      const refused = (promise: Promise<unknown>) =>
        promise.then(
          () => 'done',
          (e: unknown) => (e instanceof NotFoundError ? e.what : String(e)),
        );
      expect(await refused(changes.label(scope(c), c.conversationId, theirs, true, 20))).toBe(
        'Label',
      );
      expect(await refused(changes.label(scope(c), other.conversationId, mine, true, 20))).toBe(
        'Conversation',
      );
      expect(await refused(changes.label(scope(c), 'not-an-id', mine, true, 20))).toBe(
        'Conversation',
      );
      // An API key's scope: another environment's conversation is not found either.
      const keyScope = { organizationId: c.organizationId, environmentId: other.environmentId };
      expect(await refused(changes.label(keyScope, c.conversationId, mine, true, 20))).toBe(
        'Conversation',
      );
      // Whatever writes the join table, a label only goes with its own organization.
      const forged = db.sql`
        insert into conversation_labels (conversation_id, label_id, organization_id)
        values (${c.conversationId}, ${theirs}, ${c.organizationId})`;
      expect(
        await forged.then(
          () => 'inserted',
          () => 'refused',
        ),
      ).toBe('refused');
      expect((await store.get(scope(c), c.conversationId)).label_ids).toEqual([]);
    });

    test('at most `max` labels, also when they go on at the same time', async () => {
      const c = await seedConversation(db.sql);
      const ids = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((n) => seedLabel(db.sql, c.organizationId, n)),
      );
      const outcomes = await Promise.allSettled(
        ids.map((id) => changes.label(scope(c), c.conversationId, id, true, 3)),
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(outcomes.length - refused.length).toBe(3);
      for (const o of refused)
        expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      const row = await store.get(scope(c), c.conversationId);
      expect(row.label_ids).toHaveLength(3);
      // One that is on already is no conflict.
      const present = row.label_ids[0] ?? '';
      expect((await changes.label(scope(c), c.conversationId, present, true, 3)).changed).toBe(
        false,
      );
    });

    test('deleting a label takes it off every conversation', async () => {
      const c = await seedConversation(db.sql);
      const second = await sibling(db.sql, c);
      const [gone, kept] = [
        await seedLabel(db.sql, c.organizationId, 'Gone'),
        await seedLabel(db.sql, c.organizationId, 'Kept'),
      ];
      for (const id of [c.conversationId, second]) {
        await changes.label(scope(c), id, gone, true, 20);
        await changes.label(scope(c), id, kept, true, 20);
      }
      await db.sql`delete from labels where id = ${gone}`;
      for (const id of [c.conversationId, second]) {
        expect((await store.get(scope(c), id)).label_ids).toEqual([kept]);
      }
    });

    test('the inbox filtered by a label pages through exactly the labelled conversations', async () => {
      const c = await seedConversation(db.sql);
      const label = await seedLabel(db.sql, c.organizationId, 'Billing');
      const ids = [c.conversationId];
      for (let i = 0; i < 6; i++) ids.push(await sibling(db.sql, c));
      // Every other conversation labelled; two of them with the same activity time, so the
      // cursor's id half decides between them.
      const labelled = ids.filter((_, i) => i % 2 === 0);
      for (const id of labelled) await changes.label(scope(c), id, label, true, 20);
      const at = new Date(Date.UTC(2031, 0, 1)).toISOString();
      await db.sql`update conversations set last_activity_at = ${at}
                   where id in ${db.sql([labelled[0] ?? '', labelled[1] ?? ''])}`;

      const seen: string[] = [];
      let after: { at: string; id: string } | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const rows = await store.list(scope(c), { labelId: label }, { limit: 1, after });
        const [first] = rows;
        if (!first) break;
        seen.push(first.id);
        if (rows.length === 1) break;
        after = { at: first.activity_key, id: first.id };
      }
      expect(seen.sort()).toEqual([...labelled].sort());
      const combined = await store.list(
        scope(c),
        { labelId: label, status: 'open', contactId: c.contactId },
        { limit: 10, after: null },
      );
      expect(combined.map((r) => r.id).sort()).toEqual([...labelled].sort());
      expect(combined.every((r) => r.label_ids.includes(label))).toBe(true);
      const foreign = await seedLabel(db.sql, (await seedConversation(db.sql)).organizationId, 'X');
      expect(await store.list(scope(c), { labelId: foreign }, { limit: 10, after: null })).toEqual(
        [],
      );
    });
  });
}

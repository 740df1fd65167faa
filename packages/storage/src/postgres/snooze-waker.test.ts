import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
  seedWebhook,
} from '../testing/index.ts';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Database } from './database.ts';
import { PostgresSnoozeWaker } from './snooze-waker.ts';

// Snoozed until a time, on PGlite and PostgreSQL: the waker's one statement opens what is due
// (as of the database's clock or an injected one) with its webhook event, once, whoever runs it;
// `snoozed_until` means something only while snoozed, whichever path changes the status.
const hour = 60 * 60 * 1000;

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`snooze waker on ${target.name}`, () => {
    let db: Database;
    let store: PostgresConversationStore;
    beforeAll(async () => {
      db = await target.open();
      store = new PostgresConversationStore(db.sql);
    }, 60_000);
    afterAll(() => db.close());

    const scope = (c: SeededConversation) => ({ organizationId: c.organizationId });
    const snooze = (c: SeededConversation, until: Date | null) =>
      store.patch(scope(c), c.conversationId, { status: 'snoozed', snoozedUntil: until });
    const row = (c: SeededConversation) => store.get(scope(c), c.conversationId);
    const events = (webhookId: string) =>
      db.sql<
        { subject_id: string; event_type: string; payload: { conversation: { status: string } } }[]
      >`
        select subject_id, event_type, payload from webhook_deliveries
        where webhook_id = ${webhookId} order by ordinal`;

    test('wakes what is due, soonest first, with conversation.updated; never twice', async () => {
      const due = await seedConversation(db.sql);
      const webhookId = await seedWebhook(db.sql, due, ['conversation.updated']);
      const later = await seedConversation(db.sql);
      const visitorOnly = await seedConversation(db.sql);
      const t0 = Date.now();
      await snooze(due, new Date(t0 + hour));
      await snooze(later, new Date(t0 + 3 * hour));
      await snooze(visitorOnly, null);
      expect((await row(due)).snoozed_until).toEqual(new Date(t0 + hour));

      const waker = new PostgresSnoozeWaker(db.sql);
      const mine = (rows: { id: string }[]) =>
        rows
          .map((r) => r.id)
          .filter((id) => [due, later, visitorOnly].some((c) => c.conversationId === id));
      expect(mine(await waker.wake(100, new Date(t0 + hour - 1)))).toEqual([]);
      const woken = await waker.wake(100, new Date(t0 + 2 * hour));
      expect(mine(woken)).toEqual([due.conversationId]);
      expect(woken.find((r) => r.id === due.conversationId)).toMatchObject({
        status: 'open',
        snoozed_until: null,
      });
      expect(mine(await waker.wake(100, new Date(t0 + 2 * hour)))).toEqual([]);
      expect(await events(webhookId)).toMatchObject([
        {
          subject_id: due.conversationId,
          event_type: 'conversation.updated',
          payload: { conversation: { status: 'open', snoozedUntil: null } },
        },
      ]);
      // Without a clock: the database's. Set directly to a second ago.
      await db.sql`
        update conversations set snoozed_until = now() - interval '1 second'
        where id = ${later.conversationId}`;
      expect(mine(await waker.wake(100))).toEqual([later.conversationId]);
      expect((await row(visitorOnly)).status).toBe('snoozed');
    });

    test('any status change clears the time, the message path reopen included', async () => {
      const c = await seedConversation(db.sql);
      const until = new Date(Date.now() + hour);
      await snooze(c, until);
      const assigned = await store.patch(scope(c), c.conversationId, { assigneeId: null });
      expect(assigned.snoozed_until).toEqual(until);
      const closed = await store.patch(scope(c), c.conversationId, { status: 'closed' });
      expect(closed).toMatchObject({ status: 'closed', snoozed_until: null });

      await snooze(c, until);
      const reopened = await store.record({
        conversationId: c.conversationId,
        seq: 1,
        lastMessage: {
          seq: 1,
          body: 'Hello?',
          sender: { type: 'visitor', id: c.contactId },
          createdAt: new Date().toISOString(),
        },
      });
      expect(reopened).toMatchObject({
        reopened: true,
        row: { status: 'open', snoozed_until: null },
      });
      // No other writer can leave a time on a conversation that is not snoozed.
      await db.sql`update conversations set snoozed_until = now() where id = ${c.conversationId}`;
      expect((await row(c)).snoozed_until).toBeNull();
    });

    if (target.name === 'postgres') {
      test('a conversation another transaction holds is skipped, not waited for', async () => {
        const held = await seedConversation(db.sql);
        const free = await seedConversation(db.sql);
        const t0 = Date.now();
        await snooze(held, new Date(t0 + hour));
        await snooze(free, new Date(t0 + hour));
        const now = new Date(t0 + 2 * hour);
        const waker = new PostgresSnoozeWaker(db.sql);
        const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
        let release = () => {};
        let locked = () => {};
        const lockedNow = new Promise<void>((resolve) => (locked = resolve));
        const holding = db.sql.begin(async (tx) => {
          await tx`select id from conversations where id = ${held.conversationId} for update`;
          locked();
          await new Promise<void>((resolve) => (release = resolve));
        });
        await lockedNow;
        const first = ids(await waker.wake(100, now));
        release();
        await holding;
        expect(first).toContain(free.conversationId);
        expect(first).not.toContain(held.conversationId);
        expect(ids(await waker.wake(100, now))).toEqual([held.conversationId]);
      });
    }
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { conversationMoves, type Message, recordedMessage } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
  seedWebhook,
} from '../testing/index.ts';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Database } from './database.ts';
import { PostgresMessageRecorder } from './message-recorder.ts';
import { PostgresMessageStore } from './message-store.ts';

// The message path's writes with their webhook events, on PGlite and PostgreSQL: written
// through, the message, its `message.created` and the read model's move commit together, so an
// outbox insert that fails leaves no message behind (and a retry stores everything once); a
// reopen records `conversation.updated` with its move, on both paths.
const message = (c: SeededConversation, seq: number, sender: 'visitor' | 'agent'): Message => ({
  id: Bun.randomUUIDv7(),
  organizationId: c.organizationId,
  conversationId: c.conversationId,
  seq,
  sender: sender === 'visitor' ? { type: 'visitor', id: c.contactId } : { type: 'agent', id: 'a' },
  body: `#${seq}`,
  createdAt: new Date().toISOString(),
  cid: `cid-${seq}`,
});

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`message recorder on ${target.name}`, () => {
    let db: Database;
    let recorder: PostgresMessageRecorder;
    beforeAll(async () => {
      db = await target.open();
      recorder = new PostgresMessageRecorder(db.sql, new PostgresMessageStore(db.sql));
    }, 60_000);
    afterAll(() => db.close());

    const state = async (c: SeededConversation, webhookId: string) => {
      const stored = await new PostgresMessageStore(db.sql).range(
        c.organizationId,
        c.conversationId,
        { limit: 100 },
      );
      const events = await db.sql<{ event_type: string; payload: { conversation?: unknown } }[]>`
        select event_type, payload from webhook_deliveries
        where webhook_id = ${webhookId} order by ordinal`;
      const row = await new PostgresConversationStore(db.sql).get(
        { organizationId: c.organizationId },
        c.conversationId,
      );
      return { seqs: stored.map((m) => m.seq), events, row };
    };
    /** Makes every insert into `table` fail until the returned function is called. */
    const failInserts = async (table: string) => {
      const name = `fail_${Bun.randomUUIDv7().replaceAll('-', '')}`;
      await db.sql.unsafe(`
        create function ${name}() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$;
        create trigger ${name} before insert or update on ${table}
          for each row execute function ${name}();`);
      return () => db.sql.unsafe(`drop trigger ${name} on ${table}; drop function ${name}();`);
    };

    test('write-through: a failing outbox insert rolls the message back; a retry stores it once', async () => {
      const c = await seedConversation(db.sql);
      const hook = await seedWebhook(db.sql, c, ['message.created']);
      const first = message(c, 1, 'visitor');
      expect(await recorder.writeThrough(first)).toMatchObject({
        reopened: false,
        row: { last_seq: 1 },
      });
      const second = message(c, 2, 'agent');
      const heal = await failInserts('webhook_deliveries');
      await expect(recorder.writeThrough(second)).rejects.toThrow('injected failure');
      // Nothing of the second message: neither stored, nor its event, nor the read model moved.
      const failed = await state(c, hook);
      expect(failed.seqs).toEqual([1]);
      expect(failed.events.map((e) => e.event_type)).toEqual(['message.created']);
      expect(failed.row).toMatchObject({ last_seq: 1, agent_read_seq: 0 });
      await heal();
      // The sender's retry (same cid, the bus answers the same message) writes all of it.
      expect(await recorder.writeThrough(second)).toMatchObject({ row: { last_seq: 2 } });
      expect(await recorder.writeThrough(second)).toBeNull();
      const healed = await state(c, hook);
      expect(healed.seqs).toEqual([1, 2]);
      expect(healed.events).toHaveLength(2);
      expect(healed.row).toMatchObject({ last_seq: 2, agent_read_seq: 2 });
    });

    test('write-through: a failing read-model move rolls the message and its event back', async () => {
      const c = await seedConversation(db.sql);
      const hook = await seedWebhook(db.sql, c, ['message.created']);
      const heal = await failInserts('conversations');
      await expect(recorder.writeThrough(message(c, 1, 'visitor'))).rejects.toThrow('injected');
      await heal();
      expect(await state(c, hook)).toMatchObject({ seqs: [], events: [], row: { last_seq: 0 } });
    });

    test('a reopen records conversation.updated with its move, written through or deferred', async () => {
      const c = await seedConversation(db.sql);
      const hook = await seedWebhook(db.sql, c, ['message.created', 'conversation.updated']);
      const conversations = new PostgresConversationStore(db.sql);
      const scope = { organizationId: c.organizationId };
      await conversations.patch(scope, c.conversationId, { status: 'closed' }, 0);
      expect(await recorder.writeThrough(message(c, 1, 'visitor'))).toMatchObject({
        reopened: true,
        row: { status: 'open' },
      });
      expect(await recorder.writeThrough(message(c, 2, 'agent'))).toMatchObject({
        reopened: false,
      });
      // Deferred: the persister stored 3 and records its move; the outbox fails the first time.
      await conversations.patch(scope, c.conversationId, { status: 'snoozed' }, 2);
      const third = message(c, 3, 'visitor');
      await new PostgresMessageStore(db.sql).insert([third]);
      const heal = await failInserts('webhook_deliveries');
      await expect(recorder.record(recordedMessage(third))).rejects.toThrow('injected');
      expect((await state(c, hook)).row.status).toBe('snoozed');
      await heal();
      expect(await recorder.record(recordedMessage(third))).toMatchObject({ reopened: true });
      expect(await recorder.record(recordedMessage(third))).toBeNull();

      const { events, row } = await state(c, hook);
      expect(events.map((e) => e.event_type)).toEqual([
        'message.created',
        'conversation.updated',
        'message.created',
        'conversation.updated',
      ]);
      expect(events[1]?.payload.conversation).toMatchObject({
        id: c.conversationId,
        status: 'open',
        lastSeq: 1,
        lastMessage: { seq: 1 },
      });
      expect(events[3]?.payload.conversation).toMatchObject({ status: 'open', lastSeq: 3 });
      expect(row).toMatchObject({ status: 'open', last_seq: 3 });
    });

    test('persisted batches: messages, moves and reopen events in one transaction, also side by side', async () => {
      const cs = await Promise.all([1, 2, 3, 4].map(() => seedConversation(db.sql)));
      const conversations = new PostgresConversationStore(db.sql);
      const hooks = await Promise.all(
        cs.map((c) => seedWebhook(db.sql, c, ['conversation.updated'])),
      );
      for (const c of cs) {
        await conversations.patch({ organizationId: c.organizationId }, c.conversationId, {
          status: 'closed',
        });
      }
      const batch = cs.flatMap((c) =>
        [1, 2, 3, 4, 5, 6].map((seq) => message(c, seq, seq % 2 ? 'visitor' : 'agent')),
      );
      const persist = (messages: Message[]) =>
        recorder.persist(messages, conversationMoves(messages));
      // A failing event insert rolls the whole batch back: no message, no move.
      const heal = await failInserts('webhook_deliveries');
      await expect(persist(batch)).rejects.toThrow('injected');
      expect(await state(cs[0] as SeededConversation, hooks[0] as string)).toMatchObject({
        seqs: [],
        events: [],
        row: { status: 'closed', last_seq: 0 },
      });
      await heal();
      // Several persisters at once, as several workers of the group: different entries of the
      // same conversations, and a claimed batch again. They wait for each other, never deadlock,
      // and every row ends as recording in order would.
      const odd = batch.filter((m) => m.seq % 2 === 1);
      const even = batch.filter((m) => m.seq % 2 === 0);
      const outcomes = (
        await Promise.all([
          persist(odd),
          persist(even.toReversed()),
          persist(batch.filter((m) => m.seq === 6)),
          persist(batch.filter((m) => m.seq === 1)),
          persist(odd.toReversed()),
        ])
      ).flat();
      for (const [i, c] of cs.entries()) {
        const { seqs, events, row } = await state(c, hooks[i] as string);
        expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
        expect(row).toMatchObject({
          status: 'open',
          last_seq: 6,
          visitor_read_seq: 5,
          agent_read_seq: 6,
          last_message: { seq: 6 },
        });
        expect(events.map((e) => e.event_type)).toEqual(['conversation.updated']);
        expect(outcomes.filter((o) => o.row.id === c.conversationId && o.reopened)).toHaveLength(1);
      }
      expect(await persist(batch)).toEqual([]);
    });

    test('a write-through group: every message with its message.created, each move once, all or nothing', async () => {
      const [a, b] = [await seedConversation(db.sql), await seedConversation(db.sql)] as [
        SeededConversation,
        SeededConversation,
      ];
      const hooks = await Promise.all(
        [a, b].map((c) => seedWebhook(db.sql, c, ['message.created', 'conversation.updated'])),
      );
      await new PostgresConversationStore(db.sql).patch(
        { organizationId: b.organizationId },
        b.conversationId,
        { status: 'closed' },
      );
      const group = [
        message(a, 1, 'visitor'),
        message(b, 1, 'visitor'),
        message(a, 2, 'agent'),
        message(a, 3, 'visitor'),
      ];
      const heal = await failInserts('conversations');
      await expect(recorder.writeThroughBatch(group)).rejects.toThrow('injected');
      expect(await state(a, hooks[0] as string)).toMatchObject({ seqs: [], events: [] });
      await heal();
      const outcomes = await recorder.writeThroughBatch(group);
      expect(outcomes.map((o) => [o.row.id, o.row.last_seq, o.reopened]).sort()).toEqual(
        [
          [a.conversationId, 3, false],
          [b.conversationId, 1, true],
        ].sort(),
      );
      const [stateA, stateB] = [
        await state(a, hooks[0] as string),
        await state(b, hooks[1] as string),
      ];
      expect(stateA.seqs).toEqual([1, 2, 3]);
      expect(stateA.events.map((e) => e.event_type)).toEqual([
        'message.created',
        'message.created',
        'message.created',
      ]);
      expect(stateA.row).toMatchObject({ last_seq: 3, visitor_read_seq: 3, agent_read_seq: 2 });
      expect(stateB.events.map((e) => e.event_type).sort()).toEqual([
        'conversation.updated',
        'message.created',
      ]);
      expect(stateB.row.status).toBe('open');
      // The group again (a retry): nothing new.
      expect(await recorder.writeThroughBatch(group)).toEqual([]);
      expect((await state(a, hooks[0] as string)).events).toHaveLength(3);
    });
  });
}

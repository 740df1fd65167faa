import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { conversationMoves, type Message, type RecordedMessage, uuidv7 } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
} from '../testing/index.ts';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Database } from './database.ts';

// The read model as the message path moves it, on PGlite and PostgreSQL: several persisters
// record a conversation's messages out of order (seq n+1 before n, or at the same time), and
// the row ends as recording them in order would; a visitor's message reopens a closed or
// snoozed conversation when it was numbered after the status was set, however late it comes.
type Writer = 'visitor' | 'agent';
const message = (conversationId: string, seq: number, writer: Writer): RecordedMessage => ({
  conversationId,
  seq,
  lastMessage: {
    seq,
    body: `#${seq}`,
    sender: writer === 'visitor' ? { type: 'visitor', id: 'v-1' } : { type: 'agent', id: 'a-1' },
    createdAt: new Date(Date.UTC(2030, 0, 1, 12, 0, seq)).toISOString(),
  },
});
/** The same message as the persister has it, for a batch's moves. */
const full = (c: { conversationId: string; organizationId: string }, seq: number): Message => {
  const { lastMessage } = message(c.conversationId, seq, writers[seq - 1] as Writer);
  return {
    id: uuidv7(),
    organizationId: c.organizationId,
    conversationId: c.conversationId,
    seq,
    sender: lastMessage.sender,
    body: lastMessage.body,
    createdAt: lastMessage.createdAt,
  };
};
/** Visitor on odd seqs, agent on even ones: 1..5, the last word the visitor's. */
const writers: Writer[] = ['visitor', 'agent', 'visitor', 'agent', 'visitor'];

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`conversation read model on ${target.name}`, () => {
    let db: Database;
    let store: PostgresConversationStore;
    beforeAll(async () => {
      db = await target.open();
      store = new PostgresConversationStore(db.sql);
    }, 60_000);
    afterAll(() => db.close());

    const row = (c: SeededConversation) =>
      store.get({ organizationId: c.organizationId }, c.conversationId);
    const inOrderRow = {
      last_seq: 5,
      visitor_read_seq: 5,
      agent_read_seq: 4,
      status: 'open',
      last_message: { seq: 5, body: '#5' },
      last_activity_at: new Date(Date.UTC(2030, 0, 1, 12, 0, 5)),
    };

    test('seq n+1 recorded before n, in any order, leaves the row as in order', async () => {
      for (const order of [
        [1, 2, 3, 4, 5],
        [2, 1, 4, 3, 5],
        [5, 4, 3, 2, 1],
        [4, 5, 2, 3, 1],
      ]) {
        const c = await seedConversation(db.sql);
        const moved: number[] = [];
        for (const seq of order) {
          const m = message(c.conversationId, seq, writers[seq - 1] as Writer);
          if (await store.recordMessage(m)) moved.push(seq);
        }
        expect(await row(c)).toMatchObject(inOrderRow);
        // Each message moved something (its writer's read seq, at least) the first time only.
        for (const seq of order) {
          const again = message(c.conversationId, seq, writers[seq - 1] as Writer);
          expect(await store.recordMessage(again)).toBeNull();
        }
        expect(moved.length).toBeGreaterThan(0);
        expect(await row(c)).toMatchObject(inOrderRow);
      }
    });

    test('several persisters recording at once leave the row as in order', async () => {
      const c = await seedConversation(db.sql);
      const all = writers.map((w, i) => message(c.conversationId, i + 1, w));
      // Each message twice, as a redelivery after a crash would, all at the same time.
      await Promise.all([...all, ...all].reverse().map((m) => store.recordMessage(m)));
      expect(await row(c)).toMatchObject(inOrderRow);
    });

    test('a visitor message reopens when numbered after the status was set, however late', async () => {
      const c = await seedConversation(db.sql);
      const id = c.conversationId;
      const scope = { organizationId: c.organizationId };
      await store.recordMessage(message(id, 1, 'visitor'));
      await store.recordMessage(message(id, 2, 'agent'));
      // An agent closes it when the bus has numbered 3 (a visitor's, not recorded yet).
      expect(await store.patch(scope, id, { status: 'closed' }, 3)).toMatchObject({
        status: 'closed',
      });
      // The agent's 5 first: no reopen. Then the visitor's 3, numbered before the close: none.
      expect(await store.record(message(id, 5, 'agent'))).toMatchObject({ reopened: false });
      expect(await store.record(message(id, 3, 'visitor'))).toMatchObject({
        reopened: false,
        row: { status: 'closed', visitor_read_seq: 3, last_seq: 5 },
      });
      // The visitor's 4, numbered after the close, recorded after the newer 5: it reopens.
      expect(await store.record(message(id, 4, 'visitor'))).toMatchObject({
        reopened: true,
        row: { status: 'open', visitor_read_seq: 4, last_seq: 5, last_message: { seq: 5 } },
      });
      expect(await store.record(message(id, 4, 'visitor'))).toBeNull();
      // Snoozed as of 5, and a visitor writes 6: open again. An agent's message never reopens.
      await store.patch(scope, id, { status: 'snoozed' }, 5);
      expect(await store.record(message(id, 6, 'visitor'))).toMatchObject({
        reopened: true,
        row: { status: 'open' },
      });
      await store.patch(scope, id, { status: 'closed' }, 6);
      expect(await store.record(message(id, 7, 'agent'))).toMatchObject({
        reopened: false,
        row: { status: 'closed', last_seq: 7 },
      });
    });

    test('two visitor messages recorded at once reopen a closed conversation once', async () => {
      const c = await seedConversation(db.sql);
      const scope = { organizationId: c.organizationId };
      await store.patch(scope, c.conversationId, { status: 'closed' }, 0);
      const outcomes = await Promise.all(
        [2, 1, 3].map((seq) => store.record(message(c.conversationId, seq, 'visitor'))),
      );
      expect(outcomes.filter((o) => o?.reopened)).toHaveLength(1);
      expect(await row(c)).toMatchObject({ status: 'open', last_seq: 3, visitor_read_seq: 3 });
    });

    test('batches, split and ordered any way, and repeated, leave the row as in order', async () => {
      for (const batches of [
        [[1, 2, 3, 4, 5]],
        [
          [5, 3],
          [1, 2, 4],
        ],
        [[4], [5, 1], [2, 3]],
      ]) {
        const c = await seedConversation(db.sql);
        const moved = [];
        for (const seqs of batches) {
          moved.push(...(await store.recordMoves(conversationMoves(seqs.map((s) => full(c, s))))));
        }
        // The first batch moves the row at least; a batch with nothing newer moves nothing.
        expect(moved.length).toBeGreaterThan(0);
        expect(moved.every((o) => o.row.id === c.conversationId && !o.reopened)).toBe(true);
        expect(await row(c)).toMatchObject(inOrderRow);
        // Delivered again: nothing moves, nothing to announce.
        for (const seqs of batches) {
          expect(await store.recordMoves(conversationMoves(seqs.map((s) => full(c, s))))).toEqual(
            [],
          );
        }
        expect(await row(c)).toMatchObject(inOrderRow);
      }
    });

    test('overlapping batches of several conversations at once: rows as in order, one reopen each', async () => {
      const cs = await Promise.all([1, 2, 3].map(() => seedConversation(db.sql)));
      for (const c of cs) {
        await store.patch({ organizationId: c.organizationId }, c.conversationId, {
          status: 'closed',
        });
      }
      // Two persisters with the same entries (a claim after a stall), in opposite orders.
      const batch = cs.flatMap((c) => [1, 2, 3, 4, 5].map((s) => full(c, s)));
      const outcomes = (
        await Promise.all([
          store.recordMoves(conversationMoves(batch)),
          store.recordMoves(conversationMoves([...batch].reverse())),
          store.recordMoves(conversationMoves(batch.filter((m) => m.seq <= 3))),
        ])
      ).flat();
      for (const c of cs) {
        expect(await row(c)).toMatchObject(inOrderRow);
        const reopens = outcomes.filter((o) => o.row.id === c.conversationId && o.reopened);
        expect(reopens).toHaveLength(1);
      }
    });

    test("a batch's move reopens only with a visitor message numbered after the status", async () => {
      const c = await seedConversation(db.sql);
      const scope = { organizationId: c.organizationId };
      await store.patch(scope, c.conversationId, { status: 'closed' }, 3);
      // Visitor 1 and 3 were numbered before the close; the agent's 4 never reopens.
      expect(
        await store.recordMoves(conversationMoves([1, 3, 4].map((s) => full(c, s)))),
      ).toMatchObject([
        { reopened: false, row: { status: 'closed', last_seq: 4, visitor_read_seq: 3 } },
      ]);
      expect(
        await store.recordMoves(conversationMoves([2, 5].map((s) => full(c, s)))),
      ).toMatchObject([
        {
          reopened: true,
          row: { status: 'open', last_seq: 5, visitor_read_seq: 5, agent_read_seq: 4 },
        },
      ]);
      // A conversation that is gone moves nothing.
      const gone = { ...c, conversationId: uuidv7() };
      expect(await store.recordMoves(conversationMoves([full(gone, 1)]))).toEqual([]);
    });
  });
}

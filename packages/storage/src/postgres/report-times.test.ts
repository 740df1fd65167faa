import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { conversationMoves, type Message, uuidv7 } from '@flc/core';
import type { Sender } from '@flc/protocol';
import { pgliteTarget, postgresTarget, seedConversation } from '../testing/index.ts';
import { PostgresConversationStore } from './conversation-store.ts';
import { type Database, openDatabase } from './database.ts';
import { PostgresMessageRecorder } from './message-recorder.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

// What the reports read off the conversation row, as the message path and the status changes
// record it: the first agent reply (the earliest, also when persisters record out of order;
// never a note, a bot or the platform's auto-reply) and when it was closed (cleared by a reopen).
const agentId = uuidv7();
const minute = (n: number) => new Date(Date.UTC(2030, 0, 1, 12, n)).toISOString();

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`report times on ${target.name}`, () => {
    let db: Database;
    let store: PostgresConversationStore;
    let recorder: PostgresMessageRecorder;
    beforeAll(async () => {
      db = await target.open();
      store = new PostgresConversationStore(db.sql);
      recorder = new PostgresMessageRecorder(db.sql);
    }, 60_000);
    afterAll(() => db.close());

    const times = async (id: string) => {
      const [row] = await db.sql<
        {
          first_reply_at: Date | null;
          first_reply_agent_id: string | null;
          closed_at: Date | null;
        }[]
      >`select first_reply_at, first_reply_agent_id, closed_at from conversations where id = ${id}`;
      return row;
    };

    test('the earliest agent reply, whichever path and order records it', async () => {
      const c = await seedConversation(db.sql);
      const message = (seq: number, sender: Sender, kind?: 'note'): Message => ({
        id: uuidv7(),
        organizationId: c.organizationId,
        conversationId: c.conversationId,
        seq,
        sender,
        body: `#${seq}`,
        createdAt: minute(seq),
        ...(kind && { kind }),
      });
      const agent: Sender = { type: 'agent', id: agentId };
      // A note, a bot and the away auto-reply are no response.
      await recorder.writeThroughBatch([
        message(1, { type: 'visitor', id: c.contactId }),
        message(2, agent, 'note'),
        message(3, { type: 'bot', id: uuidv7() }),
        message(4, { type: 'system', id: uuidv7() }),
      ]);
      expect(await times(c.conversationId)).toEqual({
        first_reply_at: null,
        first_reply_agent_id: null,
        closed_at: null,
      });
      // The persister records the agent's 7 first, then its 6: the earlier one is the first.
      await recorder.persist([message(7, agent)], conversationMoves([message(7, agent)]));
      expect((await times(c.conversationId))?.first_reply_at).toEqual(new Date(minute(7)));
      const other = uuidv7();
      const six = message(6, { type: 'agent', id: other });
      expect(await recorder.persist([six], conversationMoves([six]))).toHaveLength(1);
      expect(await times(c.conversationId)).toMatchObject({
        first_reply_at: new Date(minute(6)),
        first_reply_agent_id: other,
      });
      // Written through one at a time, a later reply changes nothing.
      await recorder.writeThrough(message(8, agent));
      expect((await times(c.conversationId))?.first_reply_agent_id).toBe(other);
    });

    test('closing sets closed_at once; a reopen clears it', async () => {
      const c = await seedConversation(db.sql);
      const scope = { organizationId: c.organizationId };
      await store.patch(scope, c.conversationId, { status: 'closed' }, 0);
      const closed = (await times(c.conversationId))?.closed_at;
      expect(closed).toBeInstanceOf(Date);
      // Closed again, or its assignee changed: the time stays.
      await store.patch(scope, c.conversationId, { status: 'closed' }, 0);
      await store.patch(scope, c.conversationId, { assigneeId: null }, 0);
      expect((await times(c.conversationId))?.closed_at).toEqual(closed as Date);
      // The visitor writes after the close: reopened, no longer closed.
      const reopened = await store.record({
        conversationId: c.conversationId,
        seq: 1,
        lastMessage: {
          seq: 1,
          body: 'again',
          sender: { type: 'visitor', id: c.contactId },
          createdAt: minute(1),
        },
      });
      expect(reopened?.reopened).toBe(true);
      expect((await times(c.conversationId))?.closed_at).toBeNull();
      await store.patch(scope, c.conversationId, { status: 'snoozed' }, 1);
      expect((await times(c.conversationId))?.closed_at).toBeNull();
    });
  });
}

describe('migration 0027 on PGlite', () => {
  test('backfills the first agent reply from the stored messages, and closed_at of closed ones', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(
        db.sql,
        migrations.filter((m) => m.version < 27),
      );
      const c = await seedConversation(db.sql);
      const closed = await seedConversation(db.sql);
      await db.sql`update conversations set status = 'closed', updated_at = '2030-01-02T00:00:00Z'
        where id = ${closed.conversationId}`;
      const row = (seq: number, type: string, sender: string, at: string, kind = 'message') => ({
        id: uuidv7(),
        organization_id: c.organizationId,
        conversation_id: c.conversationId,
        seq,
        sender_type: type,
        sender_id: sender,
        body: 'x',
        created_at: at,
        kind,
      });
      const rows = [
        row(1, 'visitor', c.contactId, minute(1)),
        row(2, 'agent', agentId, minute(2), 'note'),
        row(3, 'bot', 'crm', minute(3)),
        row(4, 'agent', agentId, minute(4)),
        row(5, 'agent', uuidv7(), minute(5)),
      ];
      await db.sql`insert into messages ${db.sql(rows)}`;
      expect(
        await migrate(
          db.sql,
          migrations.filter((m) => m.version <= 27),
        ),
      ).toEqual([27]);
      const read = async (id: string) =>
        (
          await db.sql<
            {
              first_reply_at: Date | null;
              first_reply_agent_id: string | null;
              closed_at: Date | null;
            }[]
          >`
            select first_reply_at, first_reply_agent_id, closed_at from conversations where id = ${id}`
        )[0];
      expect(await read(c.conversationId)).toEqual({
        first_reply_at: new Date(minute(4)),
        first_reply_agent_id: agentId,
        closed_at: null,
      });
      expect(await read(closed.conversationId)).toEqual({
        first_reply_at: null,
        first_reply_agent_id: null,
        closed_at: new Date('2030-01-02T00:00:00Z'),
      });
    } finally {
      await db.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { NotFoundError } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
} from '../testing/index.ts';
import { PostgresConversationChanges } from './conversation-changes.ts';
import type { Database } from './database.ts';
import { PostgresTranscriptQueue } from './transcripts.ts';

// The transcripts' schedule, on PGlite and PostgreSQL: a close makes one row in its own
// transaction (a second close, or a close of a foreign conversation, makes none), and a due row
// goes to one claimer for its lease.
for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`transcript schedule on ${target.name}`, () => {
    let db: Database;
    let changes: PostgresConversationChanges;
    let queue: PostgresTranscriptQueue;
    beforeAll(async () => {
      db = await target.open();
      changes = new PostgresConversationChanges(db.sql);
      queue = new PostgresTranscriptQueue(db.sql);
    }, 60_000);
    afterAll(() => db.close());

    async function conversation(email: string | null = 'ada@example.com') {
      const c = await seedConversation(db.sql);
      await db.sql`update contacts set email = ${email} where id = ${c.contactId}`;
      return c;
    }
    const close = (c: SeededConversation, status: 'closed' | 'open' = 'closed', head = 0) =>
      changes.patch(
        { organizationId: c.organizationId },
        c.conversationId,
        { status, snoozedUntil: null },
        head,
      );
    const rows = async (c: SeededConversation) => [
      ...(await db.sql<{ close_seq: number; due: boolean }[]>`
        select close_seq, due_at is not null as due from conversation_transcripts
        where conversation_id = ${c.conversationId} order by close_seq`),
    ];

    test('one row per close, none for a closed one closed again or a contact without email', async () => {
      const c = await conversation();
      await close(c, 'closed', 3);
      await close(c, 'closed', 3);
      expect(await rows(c)).toEqual([{ close_seq: 3, due: true }]);
      await close(c, 'open', 5);
      await close(c, 'closed', 7);
      expect((await rows(c)).map((r) => r.close_seq)).toEqual([3, 7]);

      const none = await conversation(null);
      await close(none);
      expect(await rows(none)).toEqual([]);
    });

    test("a foreign organization's close fails and schedules nothing", async () => {
      const c = await conversation();
      const other = await seedConversation(db.sql);
      const foreign = changes.patch(
        { organizationId: other.organizationId },
        c.conversationId,
        { status: 'closed', snoozedUntil: null },
        0,
      );
      await expect(foreign).rejects.toBeInstanceOf(NotFoundError);
      expect(await rows(c)).toEqual([]);
    });

    test('a due row goes to one claimer until its lease ends; later makes it due again', async () => {
      await db.sql`update conversation_transcripts set due_at = null`;
      const c = await conversation();
      await close(c, 'closed', 2);
      const [first, ...rest] = await queue.claim(10, 60_000);
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ conversationId: c.conversationId, closeSeq: 2, attempts: 0 });
      expect(first).toMatchObject({ email: 'ada@example.com', unsubscribed: false, enabled: true });
      expect(await queue.claim(10, 60_000)).toEqual([]);
      await queue.later(c.conversationId, 2, 0);
      const [again] = await queue.claim(10, 60_000);
      expect(again).toMatchObject({ closeSeq: 2, attempts: 1 });
      await queue.done(c.conversationId, 2);
      await db.sql`update conversation_transcripts set claimed_until = null`;
      expect(await queue.claim(10, 60_000)).toEqual([]);
      expect(await rows(c)).toEqual([{ close_seq: 2, due: false }]);
    });
  });
}

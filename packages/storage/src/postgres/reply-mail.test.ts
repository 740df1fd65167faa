import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Message } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
} from '../testing/index.ts';
import type { Database } from './database.ts';
import { PostgresMessageRecorder } from './message-recorder.ts';
import { PostgresReplyMailQueue } from './reply-mail.ts';

// Email continuity's schedule, on PGlite and PostgreSQL: a team reply makes its conversation due
// a mail in the transaction that records it (write-through and behind the persister alike), the
// replies of one delay share the first one's time, and due rows go to one claimer at a time.
const DELAY = 60;

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`reply mail schedule on ${target.name}`, () => {
    let db: Database;
    let recorder: PostgresMessageRecorder;
    let queue: PostgresReplyMailQueue;
    beforeAll(async () => {
      db = await target.open();
      recorder = new PostgresMessageRecorder(db.sql, undefined, { replyMailDelaySeconds: DELAY });
      queue = new PostgresReplyMailQueue(db.sql, DELAY);
    }, 60_000);
    afterAll(() => db.close());

    async function conversation(email: string | null = 'ada@example.com') {
      const c = await seedConversation(db.sql);
      await db.sql`update contacts set email = ${email} where id = ${c.contactId}`;
      return c;
    }
    const message = (
      c: SeededConversation,
      seq: number,
      type: 'agent' | 'visitor' | 'bot',
      kind?: 'note',
    ): Message => ({
      id: Bun.randomUUIDv7(),
      organizationId: c.organizationId,
      conversationId: c.conversationId,
      seq,
      sender: { type, id: type === 'visitor' ? c.contactId : 'agent-1', name: 'Grace' },
      body: `message ${seq}`,
      createdAt: new Date().toISOString(),
      cid: `cid-${seq}`,
      ...(kind ? { kind } : {}),
    });
    const row = async (c: SeededConversation) => {
      const [found] = await db.sql<
        { due_in: number; pending_seq: number; mailed_seq: number; claimed: boolean }[]
      >`
        select extract(epoch from due_at - now())::int as due_in, pending_seq, mailed_seq,
               claimed_until is not null as claimed
        from conversation_mail where conversation_id = ${c.conversationId}`;
      return found ?? null;
    };
    const dueNow = (c: SeededConversation) =>
      db.sql`update conversation_mail set due_at = now() where conversation_id = ${c.conversationId}`;
    const mine = <R extends { conversationId: string }>(rows: R[], c: SeededConversation) =>
      rows.filter((r) => r.conversationId === c.conversationId);

    test("a team reply schedules its conversation's mail with it; the next ones keep the time", async () => {
      const c = await conversation();
      await recorder.writeThroughBatch([message(c, 1, 'visitor'), message(c, 2, 'agent', 'note')]);
      expect(await row(c)).toBeNull();
      await recorder.writeThroughBatch([message(c, 3, 'agent')]);
      const first = await row(c);
      expect(first).toMatchObject({ pending_seq: 3, mailed_seq: 0, claimed: false });
      expect(first?.due_in).toBeGreaterThan(DELAY - 5);
      await db.sql`
        update conversation_mail set due_at = now() + interval '30 seconds'
        where conversation_id = ${c.conversationId}`;
      await recorder.writeThrough(message(c, 4, 'bot'));
      const second = await row(c);
      expect(second?.pending_seq).toBe(4);
      expect(second?.due_in).toBeLessThanOrEqual(30);

      // Behind the persister, the same.
      const deferred = await conversation();
      const batch = [message(deferred, 1, 'visitor'), message(deferred, 2, 'agent')];
      await recorder.persist(batch, []);
      expect(await row(deferred)).toMatchObject({ pending_seq: 2 });

      // A contact without an email is due nothing.
      const silent = await conversation(null);
      await recorder.writeThroughBatch([message(silent, 1, 'agent')]);
      expect(await row(silent)).toBeNull();
    });

    test('a due row goes to one claimer; a lapsed lease is taken again; finishing keeps later replies due', async () => {
      const c = await conversation();
      await recorder.writeThroughBatch([message(c, 1, 'agent')]);
      expect(mine(await queue.claim(100, 60_000), c)).toEqual([]);
      await dueNow(c);
      const [a, b] = await Promise.all([queue.claim(100, 60_000), queue.claim(100, 60_000)]);
      expect(mine([...(a ?? []), ...(b ?? [])], c)).toEqual([
        expect.objectContaining({
          conversationId: c.conversationId,
          organizationName: 'Store test',
          email: 'ada@example.com',
          contactName: 'Vic',
          pendingSeq: 1,
          mailedSeq: 0,
          visitorReadSeq: 0,
          unsubscribed: false,
          firstMessageId: null,
        }),
      ]);
      expect(mine(await queue.claim(100, 60_000), c)).toEqual([]);
      // The sender died: once its lease ran out, another takes the row again.
      await db.sql`
        update conversation_mail set claimed_until = now() - interval '1 second'
        where conversation_id = ${c.conversationId}`;
      expect(mine(await queue.claim(100, 60_000), c)).toHaveLength(1);
      // A reply recorded while the mail was sent waits for a mail of its own.
      await recorder.writeThroughBatch([message(c, 2, 'agent')]);
      await queue.finish(c.conversationId, { mailedSeq: 1, messageId: '<m1@x>' });
      const after = await row(c);
      expect(after).toMatchObject({ pending_seq: 2, mailed_seq: 1, claimed: false });
      expect(after?.due_in).toBeGreaterThan(DELAY - 5);
      await dueNow(c);
      const [next] = mine(await queue.claim(100, 60_000), c);
      expect(next).toMatchObject({ firstMessageId: '<m1@x>', lastMessageId: '<m1@x>' });
      await queue.finish(c.conversationId, { mailedSeq: 2, messageId: '<m2@x>' });
      const [done] = await db.sql`
        select due_at, mails_sent, first_message_id, last_message_id from conversation_mail
        where conversation_id = ${c.conversationId}`;
      expect(done).toEqual({
        due_at: null,
        mails_sent: 2,
        first_message_id: '<m1@x>',
        last_message_id: '<m2@x>',
      });
    });

    test('a plan without email continuity claims its due mail as not to be sent', async () => {
      const c = await conversation();
      await recorder.writeThroughBatch([message(c, 1, 'agent')]);
      await dueNow(c);
      const id = `no-mail-${crypto.randomUUID().slice(0, 8)}`;
      await db.sql`insert into plans (id, name, features)
        values (${id}, 'No mail', ${db.sql.json({ emailContinuity: false })})`;
      await db.sql`update organizations set plan_id = ${id} where id = ${c.organizationId}`;
      const [off] = mine(await queue.claim(100, 60_000), c);
      expect(off?.enabled).toBe(false);
      // An override of the tenant's own switches it back on.
      await db.sql`update organizations
        set plan_overrides = ${db.sql.json({ features: { emailContinuity: true } })}
        where id = ${c.organizationId}`;
      await db.sql`update conversation_mail set claimed_until = null
        where conversation_id = ${c.conversationId}`;
      const [on] = mine(await queue.claim(100, 60_000), c);
      expect(on?.enabled).toBe(true);
      // And FLC_DEFAULT_PLAN applies to a tenant with no plan of its own.
      await db.sql`update organizations set plan_id = null, plan_overrides = '{}'
        where id = ${c.organizationId}`;
      await db.sql`update conversation_mail set claimed_until = null
        where conversation_id = ${c.conversationId}`;
      const byDefault = new PostgresReplyMailQueue(db.sql, DELAY, id);
      const [defaulted] = mine(await byDefault.claim(100, 60_000), c);
      expect(defaulted?.enabled).toBe(false);
    });

    test('failed sends are retried, then given up; unsubscribing stops the schedule for good', async () => {
      const c = await conversation();
      await recorder.writeThroughBatch([message(c, 1, 'agent')]);
      for (let attempt = 1; attempt < 5; attempt++) {
        expect(await queue.failed(c.conversationId, 300_000)).toBe(false);
      }
      expect((await row(c))?.due_in).toBeGreaterThan(250);
      expect(await queue.failed(c.conversationId, 300_000)).toBe(true);
      expect(await row(c)).toMatchObject({ due_in: null, mailed_seq: 1 });

      const gone = await conversation();
      expect(await queue.unsubscribe(gone.conversationId)).toBe(true);
      await recorder.writeThroughBatch([message(gone, 1, 'agent')]);
      expect(await row(gone)).toMatchObject({ due_in: null, pending_seq: 0 });
      expect(await queue.unsubscribe(Bun.randomUUIDv7())).toBe(false);
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Message, MessageStore } from '@flc/core';

export interface MessageStoreHarness {
  store: MessageStore;
  /** A fresh conversation the store may hold messages of (SQL stores need its row first). */
  conversation(): Promise<{ organizationId: string; conversationId: string }>;
  close(): Promise<void>;
}

/**
 * The conformance suite of the MessageStore port: every adapter (PostgreSQL, PGlite, MongoDB)
 * runs it unchanged, so they cannot drift apart.
 */
export function describeMessageStore(name: string, open: () => Promise<MessageStoreHarness>) {
  describe(`message store conformance: ${name}`, () => {
    let h: MessageStoreHarness;
    beforeAll(async () => {
      h = await open();
    }, 60_000); // cold starts (PGlite, a fresh database) can take seconds on CI
    afterAll(() => h.close());

    const messages = (
      c: { organizationId: string; conversationId: string },
      from: number,
      to: number,
    ): Message[] =>
      Array.from({ length: to - from + 1 }, (_, i) => ({
        id: Bun.randomUUIDv7(),
        organizationId: c.organizationId,
        conversationId: c.conversationId,
        seq: from + i,
        sender: { type: 'visitor' as const, id: 'contact-1', name: 'Ada' },
        body: `message ${from + i}`,
        createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, from + i, 123)).toISOString(),
        cid: `cid-${from + i}`,
      }));
    const seqs = (list: Message[]) => list.map((m) => m.seq);

    test('an unknown conversation is empty with head 0', async () => {
      const c = await h.conversation();
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 10 })).toEqual([]);
      expect(await h.store.headSeq(c.conversationId)).toBe(0);
    });

    test('messages come back exactly as written, ascending by seq', async () => {
      const c = await h.conversation();
      const [first, second, third] = messages(c, 1, 3) as [Message, Message, Message];
      // Optional fields stay absent: no `cid`, a sender without a name.
      const bare: Message = { ...second, sender: { type: 'bot', id: 'key-1' } };
      delete bare.cid;
      await h.store.insert([third, bare, first]);
      const read = await h.store.range(c.organizationId, c.conversationId, { limit: 10 });
      expect(read).toEqual([first, bare, third]);
      expect(read[1]).not.toHaveProperty('cid');
      expect(read[1]?.sender).not.toHaveProperty('name');
      expect(await h.store.headSeq(c.conversationId)).toBe(3);
    });

    test('attachments come back as written, in order; a message without any has none', async () => {
      const c = await h.conversation();
      const [first, second] = messages(c, 1, 2) as [Message, Message];
      const image = {
        id: Bun.randomUUIDv7(),
        fileName: 'screen shot.png',
        contentType: 'image/png',
        size: 67,
        image: true,
        width: 640,
        height: 480,
        url: '/v1/attachments/a?exp=1&sig=s',
      };
      const file = {
        id: Bun.randomUUIDv7(),
        fileName: 'invoice 📄.pdf',
        contentType: 'application/pdf',
        size: 12_345,
        image: false,
        url: '/v1/attachments/b?exp=1&sig=s',
      };
      const carrying: Message = { ...first, attachments: [image, file] };
      await h.store.insert([carrying, second]);
      const read = await h.store.range(c.organizationId, c.conversationId, { limit: 10 });
      expect(read).toEqual([carrying, second]);
      expect(read[1]).not.toHaveProperty('attachments');
      expect(await h.store.byCid(c.organizationId, c.conversationId, first.cid as string)).toEqual(
        carrying,
      );
      // An edit keeps them; a delete takes them with the body.
      const edited = await h.store.change(c.organizationId, c.conversationId, 1, {
        rev: 1,
        body: 'see these',
        editedAt: new Date().toISOString(),
      });
      expect(edited?.attachments).toEqual([image, file]);
      const deleted = await h.store.change(c.organizationId, c.conversationId, 1, {
        rev: 2,
        deletedAt: new Date().toISOString(),
      });
      expect(deleted).not.toHaveProperty('attachments');
    });

    test('a reply by mail keeps its `via` through reads, by cid and across an edit', async () => {
      const c = await h.conversation();
      const [first, second] = messages(c, 1, 2) as [Message, Message];
      const mailed: Message = {
        ...first,
        sender: { type: 'visitor', id: 'contact-1' },
        via: 'email',
      };
      await h.store.insert([mailed, second]);
      const read = await h.store.range(c.organizationId, c.conversationId, { limit: 10 });
      expect(read).toEqual([mailed, second]);
      expect(read[1]).not.toHaveProperty('via');
      expect(await h.store.byCid(c.organizationId, c.conversationId, first.cid as string)).toEqual(
        mailed,
      );
      const edited = await h.store.change(c.organizationId, c.conversationId, 1, {
        rev: 1,
        body: 'fixed a typo',
        editedAt: new Date().toISOString(),
      });
      expect(edited?.via).toBe('email');
    });

    test('afterSeq, beforeSeq and limit select the documented windows', async () => {
      const c = await h.conversation();
      await h.store.insert(messages(c, 1, 10));
      const range = (r: { afterSeq?: number; beforeSeq?: number; limit: number }) =>
        h.store.range(c.organizationId, c.conversationId, r).then(seqs);
      expect(await range({ limit: 3 })).toEqual([1, 2, 3]);
      expect(await range({ afterSeq: 7, limit: 10 })).toEqual([8, 9, 10]);
      expect(await range({ afterSeq: 2, limit: 2 })).toEqual([3, 4]);
      // The newest `limit` below beforeSeq, still ascending: a page of older history.
      expect(await range({ beforeSeq: 8, limit: 3 })).toEqual([5, 6, 7]);
      expect(await range({ beforeSeq: 3, limit: 5 })).toEqual([1, 2]);
      expect(await range({ afterSeq: 3, beforeSeq: 9, limit: 2 })).toEqual([7, 8]);
      expect(await range({ afterSeq: 3, beforeSeq: 9, limit: 100 })).toEqual([4, 5, 6, 7, 8]);
      expect(await range({ afterSeq: 10, limit: 5 })).toEqual([]);
      expect(await range({ beforeSeq: 1, limit: 5 })).toEqual([]);
    });

    test('inserting a seq again keeps the first write, also within one batch', async () => {
      const c = await h.conversation();
      const [first] = messages(c, 1, 1) as [Message];
      await h.store.insert([first]);
      const retry = { ...first, id: Bun.randomUUIDv7(), body: 'a second write' };
      await h.store.insert([retry, retry]);
      await h.store.insert([]);
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 10 })).toEqual([
        first,
      ]);
    });

    test('of two different writes of a seq in one fresh batch, the first is kept', async () => {
      const c = await h.conversation();
      const [first, second] = messages(c, 1, 2) as [Message, Message];
      const rival = { ...first, id: Bun.randomUUIDv7(), body: 'the later write' };
      await h.store.insert([first, rival, second, { ...second, body: 'the later write' }]);
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 10 })).toEqual([
        first,
        second,
      ]);
    });

    test('a cid seen again under a new seq does not fail the batch it is in', async () => {
      const c = await h.conversation();
      const [first, second, third] = messages(c, 1, 3) as [Message, Message, Message];
      await h.store.insert([first]);
      // The bus forgot cid-1 (its memory expired) and numbered a retry as seq 2.
      await h.store.insert([{ ...second, cid: first.cid }, third]);
      const stored = await h.store.range(c.organizationId, c.conversationId, { limit: 10 });
      expect(stored[0]).toEqual(first);
      expect(stored.at(-1)).toEqual(third);
    });

    test('concurrent inserts of overlapping batches store each seq once', async () => {
      const c = await h.conversation();
      const all = messages(c, 1, 75);
      await Promise.all([
        h.store.insert(all.slice(0, 50)),
        h.store.insert(all.slice(25)),
        h.store.insert(all),
      ]);
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 100 })).toEqual(all);
    });

    test('several persisters storing seq n+1 before n leave the whole history', async () => {
      const c = await h.conversation();
      const all = messages(c, 1, 40);
      const range = (r: { afterSeq?: number; beforeSeq?: number; limit: number }) =>
        h.store.range(c.organizationId, c.conversationId, r).then(seqs);
      // The newer batch lands first: the head is its newest, the hole below it reads as such.
      await h.store.insert(all.slice(1, 2));
      expect(await h.store.headSeq(c.conversationId)).toBe(2);
      expect(await range({ limit: 10 })).toEqual([2]);
      await h.store.insert(all.slice(0, 1));
      expect(await range({ limit: 10 })).toEqual([1, 2]);
      // Four persisters with every fourth message each, newest first, all at once, one batch
      // delivered twice (a crash before its ack).
      const lanes = [0, 1, 2, 3].map((k) => all.filter((_, i) => i >= 2 && i % 4 === k).reverse());
      await Promise.all([...lanes, lanes[2] ?? []].map((lane) => h.store.insert(lane)));
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 100 })).toEqual(all);
      expect(await h.store.headSeq(c.conversationId)).toBe(40);
      expect(await range({ beforeSeq: 41, limit: 3 })).toEqual([38, 39, 40]);
    });

    test('a limit of 0 reads nothing', async () => {
      const c = await h.conversation();
      await h.store.insert(messages(c, 1, 3));
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 0 })).toEqual([]);
      expect(
        await h.store.range(c.organizationId, c.conversationId, { beforeSeq: 3, limit: 0 }),
      ).toEqual([]);
    });

    test('a batch of 1,000 pages through in hundreds, forwards and backwards', async () => {
      const c = await h.conversation();
      const all = messages(c, 1, 1000);
      await h.store.insert(all);
      expect(await h.store.headSeq(c.conversationId)).toBe(1000);

      // Bounded loops: a store that ignores the cursor fails here instead of spinning.
      const forwards: Message[] = [];
      for (let afterSeq = 0, pages = 0; pages <= 10; pages++) {
        const page = await h.store.range(c.organizationId, c.conversationId, {
          afterSeq,
          limit: 100,
        });
        if (page.length === 0) break;
        expect(page).toHaveLength(100);
        forwards.push(...page);
        afterSeq = page.at(-1)?.seq ?? Number.NaN;
      }
      expect(forwards).toEqual(all);

      // Older history: each page the 100 below the oldest seen, ascending within the page.
      const backwards: number[][] = [];
      for (let beforeSeq = 1001, pages = 0; pages <= 10; pages++) {
        const page = seqs(
          await h.store.range(c.organizationId, c.conversationId, { beforeSeq, limit: 100 }),
        );
        if (page.length === 0) break;
        backwards.push(page);
        beforeSeq = page[0] ?? Number.NaN;
      }
      expect(backwards).toHaveLength(10);
      expect(backwards[0]).toEqual(seqs(all.slice(900)));
      expect(backwards.reverse().flat()).toEqual(seqs(all));

      // Another organization reads none of it, whichever window it asks for.
      const stranger = Bun.randomUUIDv7();
      for (const window of [
        { limit: 100 },
        { afterSeq: 500, limit: 100 },
        { beforeSeq: 500, limit: 100 },
      ]) {
        expect(await h.store.range(stranger, c.conversationId, window)).toEqual([]);
      }
    }, 60_000);

    test('notes keep their kind and the message after them its prevSeq, in every window', async () => {
      const c = await h.conversation();
      // 1 message, 2 note, 3 note, 4 message (after the notes: prevSeq 1), 5 note.
      const [m1, n2, n3, m4, n5] = messages(c, 1, 5) as [
        Message,
        Message,
        Message,
        Message,
        Message,
      ];
      const note = (m: Message): Message => ({
        ...m,
        kind: 'note',
        sender: { type: 'agent', id: 'agent-1', name: 'Grace' },
      });
      const log = [m1, note(n2), note(n3), { ...m4, prevSeq: 1 }, note(n5)];
      await h.store.insert([...log].reverse());
      expect(await h.store.range(c.organizationId, c.conversationId, { limit: 10 })).toEqual(log);
      const [plain] = await h.store.range(c.organizationId, c.conversationId, { limit: 1 });
      expect(plain).not.toHaveProperty('kind');
      expect(plain).not.toHaveProperty('prevSeq');
      expect(
        await h.store.range(c.organizationId, c.conversationId, { beforeSeq: 5, limit: 2 }),
      ).toEqual(log.slice(2, 4));
      // The team's head is the newest seq; a visitor's, the newest that is not a note.
      expect(await h.store.headSeq(c.conversationId)).toBe(5);
      expect(await h.store.headSeq(c.conversationId, 'team')).toBe(5);
      expect(await h.store.headSeq(c.conversationId, 'visitor')).toBe(4);
    });

    test("a visitor's head is 0 while the conversation holds notes only", async () => {
      const c = await h.conversation();
      const notes = messages(c, 1, 2).map((m): Message => ({ ...m, kind: 'note' }));
      await h.store.insert(notes);
      expect(await h.store.headSeq(c.conversationId, 'visitor')).toBe(0);
      expect(await h.store.headSeq(c.conversationId)).toBe(2);
    });

    test('conversations and organizations do not see each other', async () => {
      const a = await h.conversation();
      const b = await h.conversation();
      await h.store.insert([...messages(a, 1, 2), ...messages(b, 1, 5)]);
      expect(seqs(await h.store.range(a.organizationId, a.conversationId, { limit: 10 }))).toEqual([
        1, 2,
      ]);
      expect(await h.store.headSeq(b.conversationId)).toBe(5);
      // Scoped by organization: the right conversation id under another tenant reads as empty.
      expect(await h.store.range(Bun.randomUUIDv7(), a.conversationId, { limit: 10 })).toEqual([]);
    });

    test('byCid finds the message of a cid in its conversation and tenant only', async () => {
      const a = await h.conversation();
      const b = await h.conversation();
      const [a1, a2] = messages(a, 1, 2) as [Message, Message];
      const [b1] = messages(b, 1, 1) as [Message];
      const note: Message = { ...a2, kind: 'note', cid: 'cid-note' };
      await h.store.insert([a1, note, { ...b1, cid: 'cid-only-in-b' }]);
      expect(await h.store.byCid(a.organizationId, a.conversationId, 'cid-1')).toEqual(a1);
      expect(await h.store.byCid(a.organizationId, a.conversationId, 'cid-note')).toEqual(note);
      expect(await h.store.byCid(a.organizationId, a.conversationId, 'cid-9')).toBeNull();
      // Another conversation's cid, and the right cid under another organization, are not found.
      expect(await h.store.byCid(a.organizationId, a.conversationId, 'cid-only-in-b')).toBeNull();
      expect(await h.store.byCid(Bun.randomUUIDv7(), a.conversationId, 'cid-1')).toBeNull();
    });

    test('an edit and a delete apply once, in rev order, and are listed as changes by rev', async () => {
      const c = await h.conversation();
      const [m1, m2, m3] = messages(c, 1, 3) as [Message, Message, Message];
      await h.store.insert([m1, { ...m2, kind: 'note' }, m3]);
      const { organizationId: org, conversationId: id } = c;
      const editedAt = '2025-01-02T03:04:05.678Z';
      const deletedAt = '2025-01-02T03:04:06.000Z';
      const edited = await h.store.change(org, id, 3, { rev: 1, body: 'fixed typo', editedAt });
      expect(edited).toEqual({ ...m3, body: 'fixed typo', editedAt, rev: 1 });
      const note = await h.store.change(org, id, 2, { rev: 2, deletedAt });
      expect(note).toEqual({ ...m2, kind: 'note', body: '', deletedAt, rev: 2 });
      // A change applied again, or an older one arriving after a newer one, changes nothing.
      await h.store.change(org, id, 3, { rev: 1, body: 'fixed typo again', editedAt });
      await h.store.change(org, id, 2, { rev: 1, body: 'late', editedAt });
      const [, stored2, stored3] = await h.store.range(org, id, { limit: 10 });
      expect(stored2).toEqual(note as Message);
      expect(stored3).toEqual(edited as Message);
      // A later edit of the same message moves its rev; a delete after an edit clears editedAt.
      await h.store.change(org, id, 3, { rev: 3, deletedAt });
      expect((await h.store.changes(org, id, 0, 'team')).map((m) => [m.seq, m.rev])).toEqual([
        [2, 2],
        [3, 3],
      ]);
      expect(await h.store.changes(org, id, 2, 'team')).toEqual([
        { ...m3, body: '', deletedAt, rev: 3 },
      ]);
      // A visitor's changes hold no note.
      expect((await h.store.changes(org, id, 0, 'visitor')).map((m) => m.seq)).toEqual([3]);
      // No such message, or another organization's: null, nothing changed.
      expect(await h.store.change(org, id, 9, { rev: 4, deletedAt })).toBeNull();
      expect(await h.store.change(Bun.randomUUIDv7(), id, 1, { rev: 5, deletedAt })).toBeNull();
      expect((await h.store.range(org, id, { limit: 1 }))[0]).toEqual(m1);
      expect(await h.store.changes(Bun.randomUUIDv7(), id, 0, 'team')).toEqual([]);
    });

    test("erase deletes every message and note of the organization's conversations, nothing else", async () => {
      const a = await h.conversation();
      const a2 = { ...(await h.conversation()), organizationId: a.organizationId };
      const kept = await h.conversation();
      const [first, second] = messages(a, 1, 2) as [Message, Message];
      await h.store.insert([first, { ...second, kind: 'note' }, ...messages(a2, 1, 3)]);
      await h.store.insert(messages(kept, 1, 2));
      // Another organization's id erases nothing, even with the right conversation ids.
      expect(await h.store.erase(Bun.randomUUIDv7(), [a.conversationId])).toBe(0);
      expect(await h.store.erase(a.organizationId, [a.conversationId, a2.conversationId])).toBe(5);
      for (const c of [a, a2]) {
        expect(await h.store.range(c.organizationId, c.conversationId, { limit: 10 })).toEqual([]);
        expect(await h.store.headSeq(c.conversationId)).toBe(0);
      }
      expect(await h.store.byCid(a.organizationId, a.conversationId, 'cid-1')).toBeNull();
      expect(
        seqs(await h.store.range(kept.organizationId, kept.conversationId, { limit: 10 })),
      ).toEqual([1, 2]);
      expect(await h.store.erase(a.organizationId, [])).toBe(0);
    });

    test('countSince counts each organization from the date on, in one answer', async () => {
      const a = await h.conversation();
      const a2 = { ...(await h.conversation()), organizationId: a.organizationId };
      const b = await h.conversation();
      const quiet = await h.conversation();
      // messages() dates message n at 2025-01-01 12:00:n UTC.
      await h.store.insert([...messages(a, 1, 3), ...messages(a2, 1, 2), ...messages(b, 1, 4)]);
      await h.store.insert(messages(quiet, 1, 1));
      const since = new Date(Date.UTC(2025, 0, 1, 12, 0, 2));
      const counts = await h.store.countSince(
        [a.organizationId, b.organizationId, Bun.randomUUIDv7()],
        since,
      );
      // a: seqs 2-3 and a2's seq 2; b: seqs 2-4; the unknown one and `quiet` (not asked) absent.
      expect(Object.fromEntries(counts)).toEqual({
        [a.organizationId]: 3,
        [b.organizationId]: 3,
      });
      expect(await h.store.countSince([], since)).toEqual(new Map());
    });

    test('dailyActivity counts each organization by UTC day, with its distinct visitors', async () => {
      const a = await h.conversation();
      const a2 = { ...(await h.conversation()), organizationId: a.organizationId };
      const b = await h.conversation();
      const at = (m: Message, iso: string, sender: Message['sender']): Message => ({
        ...m,
        createdAt: new Date(iso).toISOString(),
        sender,
      });
      const ada = { type: 'visitor' as const, id: 'contact-ada' };
      const bob = { type: 'visitor' as const, id: 'contact-bob' };
      const agent = { type: 'agent' as const, id: 'agent-1' };
      const [a1, a2m, a3, a4] = messages(a, 1, 4) as [Message, Message, Message, Message];
      const [c1, c2] = messages(a2, 1, 2) as [Message, Message];
      const [b1] = messages(b, 1, 1) as [Message];
      await h.store.insert([
        at(a1, '2024-03-10T23:59:59.999Z', ada),
        at(a2m, '2024-03-11T00:00:00.000Z', ada),
        at(a3, '2024-03-11T10:00:00.000Z', agent),
        at(a4, '2024-03-12T00:00:00.000Z', ada), // the end is excluded
        at(c1, '2024-03-11T12:00:00.000Z', bob),
        at(c2, '2024-03-11T13:00:00.000Z', ada),
        at(b1, '2024-03-11T23:59:59.999Z', agent),
      ]);
      const rows = await h.store.dailyActivity(
        new Date('2024-03-10T00:00:00Z'),
        new Date('2024-03-12T00:00:00Z'),
      );
      const mine = rows
        .filter(
          (r) => r.organizationId === a.organizationId || r.organizationId === b.organizationId,
        )
        .map((r) => ({ ...r, visitors: [...r.visitors].sort() }));
      expect(mine).toContainEqual({
        organizationId: a.organizationId,
        day: '2024-03-10',
        messages: 1,
        visitors: ['contact-ada'],
      });
      // Both conversations of `a`, Ada once though she wrote in both.
      expect(mine).toContainEqual({
        organizationId: a.organizationId,
        day: '2024-03-11',
        messages: 4,
        visitors: ['contact-ada', 'contact-bob'],
      });
      expect(mine).toContainEqual({
        organizationId: b.organizationId,
        day: '2024-03-11',
        messages: 1,
        visitors: [],
      });
      expect(mine).toHaveLength(3);
    });
  });
}

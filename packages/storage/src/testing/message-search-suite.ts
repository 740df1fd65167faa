import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Message, searchTerms } from '@flc/core';
import type { MessageStoreHarness } from './message-store-suite.ts';

export interface MessageSearchHarness extends MessageStoreHarness {
  /**
   * Replaces a stored message's body the way an edit (or a deletion, which empties it) will:
   * the store must find it by its new text only.
   */
  rewrite(conversationId: string, seq: number, body: string): Promise<void>;
}

/**
 * The conformance suite of `MessageStore.search`: PostgreSQL (tsvector), PGlite and MongoDB
 * (its own `terms`) must find and order the same hits.
 */
export function describeMessageSearch(name: string, open: () => Promise<MessageSearchHarness>) {
  describe(`message search conformance: ${name}`, () => {
    let h: MessageSearchHarness;
    beforeAll(async () => {
      h = await open();
    }, 60_000);
    afterAll(() => h.close());

    const write = async (
      c: { organizationId: string; conversationId: string },
      bodies: string[],
      kind?: 'note',
    ): Promise<Message[]> => {
      const list = bodies.map(
        (body, i): Message => ({
          id: Bun.randomUUIDv7(),
          organizationId: c.organizationId,
          conversationId: c.conversationId,
          seq: i + 1,
          sender: { type: 'visitor', id: 'contact-1', name: 'Ada' },
          body,
          createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, i)).toISOString(),
          ...(kind ? { kind } : {}),
        }),
      );
      await h.store.insert(list);
      return list;
    };
    const find = async (organizationId: string, query: string, limit = 50) =>
      (await h.store.search({ organizationId, terms: searchTerms(query), limit })).map(
        (hit) => hit.message.seq,
      );

    test('finds whole words, any case, the messages holding more of the terms first', async () => {
      const c = await h.conversation();
      await write(c, [
        'My REFUND has not arrived',
        'Where is my invoice?',
        'Refund and invoice, please: refund!',
        'unrelated chatter about refunding',
        'the invoice was wrong, I want a refund',
      ]);
      const hits = await h.store.search({
        organizationId: c.organizationId,
        terms: searchTerms('Refund invoice'),
        limit: 50,
      });
      // Both words first (3 and 5, in either order), then one word (1 and 2).
      expect(hits.map((x) => x.matched)).toEqual([2, 2, 1, 1]);
      expect(new Set(hits.slice(0, 2).map((x) => x.message.seq))).toEqual(new Set([3, 5]));
      expect(new Set(hits.slice(2).map((x) => x.message.seq))).toEqual(new Set([1, 2]));
      expect(hits[0]?.message.organizationId).toBe(c.organizationId);
      expect(await find(c.organizationId, 'INVOICE')).toHaveLength(3);
      expect(await find(c.organizationId, 'nothing-like-it')).toEqual([]);
      expect(await find(c.organizationId, 'refund', 2)).toHaveLength(2);
    });

    test('among equal hits the newest comes first; numbers and accents are words', async () => {
      const c = await h.conversation();
      await write(c, ['order 4521 is late', 'café order', 'another order 4521']);
      expect(await find(c.organizationId, '4521')).toEqual([3, 1]);
      expect(await find(c.organizationId, 'Café')).toEqual([2]);
      expect(await find(c.organizationId, 'order')).toEqual([3, 2, 1]);
    });

    test('notes are found, with their kind', async () => {
      const c = await h.conversation();
      await write(c, ['escalate to billing, customer is upset'], 'note');
      const [hit] = await h.store.search({
        organizationId: c.organizationId,
        terms: ['billing'],
        limit: 5,
      });
      expect(hit?.message.kind).toBe('note');
    });

    test('nothing crosses organizations', async () => {
      const a = await h.conversation();
      const b = await h.conversation();
      await write(a, ['secret merger plans']);
      await write(b, ['public merger news']);
      expect(await find(a.organizationId, 'merger')).toEqual([1]);
      const [theirs] = await h.store.search({
        organizationId: b.organizationId,
        terms: ['merger', 'secret'],
        limit: 5,
      });
      expect(theirs?.message.body).toBe('public merger news');
      expect(await find(b.organizationId, 'secret')).toEqual([]);
      expect(await find(Bun.randomUUIDv7(), 'merger')).toEqual([]);
    });

    test('an edited message is found by its new text only, an emptied one by nothing', async () => {
      const c = await h.conversation();
      await write(c, ['the parcel is lost', 'the parcel came']);
      await h.rewrite(c.conversationId, 1, 'the package is lost');
      expect(await find(c.organizationId, 'parcel')).toEqual([2]);
      expect(await find(c.organizationId, 'package')).toEqual([1]);
      await h.rewrite(c.conversationId, 2, '');
      expect(await find(c.organizationId, 'parcel')).toEqual([]);
      expect(await find(c.organizationId, 'the')).toEqual([1]);
    });

    test('no terms or a limit of 0 find nothing', async () => {
      const c = await h.conversation();
      await write(c, ['hello there']);
      expect(
        await h.store.search({ organizationId: c.organizationId, terms: [], limit: 5 }),
      ).toEqual([]);
      expect(await find(c.organizationId, 'hello', 0)).toEqual([]);
    });
  });
}

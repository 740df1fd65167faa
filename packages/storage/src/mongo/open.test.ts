import { afterEach, describe, expect, test } from 'bun:test';
import type { Message } from '@flc/core';
import { MongoClient } from 'mongodb';
import { type MongoTestDatabase, mongoTarget } from '../testing/index.ts';
import { messageIndexes } from './message-store.ts';
import { databaseFromUrl, openMongoMessageStore } from './open.ts';

describe('databaseFromUrl', () => {
  test('reads the path of single- and multi-host connection strings', () => {
    expect(databaseFromUrl('mongodb://127.0.0.1:27017/')).toBeUndefined();
    expect(databaseFromUrl('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(databaseFromUrl('mongodb://127.0.0.1:27017/?directConnection=true')).toBeUndefined();
    expect(databaseFromUrl('mongodb://u:p%2Fq@a:1,b:2/chat?replicaSet=rs0')).toBe('chat');
    expect(databaseFromUrl('mongodb+srv://cluster0.example.net/flc%2Dprod?w=majority')).toBe(
      'flc-prod',
    );
  });
});

const target = mongoTarget();
if (target) {
  describe('openMongoMessageStore', () => {
    const scratch: MongoTestDatabase[] = [];
    const fresh = () => {
      const db = target.create();
      scratch.push(db);
      return db;
    };
    afterEach(async () => {
      await Promise.all(scratch.splice(0).map((db) => db.drop()));
    });

    const message = (seq: number): Message => ({
      id: Bun.randomUUIDv7(),
      organizationId: 'org-1',
      conversationId: 'conversation-1',
      seq,
      sender: { type: 'agent', id: 'agent-1' },
      body: `message ${seq}`,
      createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)).toISOString(),
    });

    test('uses the database named in the URL when none is given', async () => {
      const db = fresh();
      const handle = await openMongoMessageStore({ url: `${db.url}${db.database}` });
      try {
        expect(handle.database).toBe(db.database);
        await handle.ping();
        await handle.store.insert([message(1)]);
      } finally {
        await handle.close();
      }
      const client = new MongoClient(db.url);
      try {
        const stored = await client.db(db.database).collection('messages').findOne({});
        expect(stored).toMatchObject({ _id: 'conversation-1:1', seq: 1, body: 'message 1' });
        expect(stored?.createdAt).toBeInstanceOf(Date);
      } finally {
        await client.close();
      }
    });

    test('two processes creating the indexes at once both succeed, and again later', async () => {
      const db = fresh();
      const open = () => openMongoMessageStore({ url: db.url, database: db.database });
      const handles = await Promise.all([open(), open()]);
      try {
        await Promise.all(handles.map((h) => h.store.ensureIndexes()));
        const client = new MongoClient(db.url);
        try {
          const indexes = await client
            .db(db.database)
            .collection('messages')
            .listIndexes()
            .toArray();
          for (const wanted of messageIndexes) {
            expect(indexes).toContainEqual(
              expect.objectContaining({ name: wanted.name, key: wanted.key }),
            );
          }
          expect(indexes.find((i) => i.name === 'conversation_seq')?.unique).toBe(true);
        } finally {
          await client.close();
        }
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
    }, 30_000);

    test('two stores writing overlapping batches at once store each seq once', async () => {
      const db = fresh();
      const open = () => openMongoMessageStore({ url: db.url, database: db.database });
      const [a, b] = await Promise.all([open(), open()]);
      if (!a || !b) throw new Error('unreachable');
      try {
        const all = Array.from({ length: 300 }, (_, i) => message(i + 1));
        await Promise.all([
          a.store.insert(all.slice(0, 200)),
          b.store.insert(all.slice(100)),
          b.store.insert(all),
        ]);
        const read = await b.store.range('org-1', 'conversation-1', { limit: 1000 });
        expect(read).toEqual(all);
        expect(await a.store.headSeq('conversation-1')).toBe(300);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    }, 30_000);
  });
}

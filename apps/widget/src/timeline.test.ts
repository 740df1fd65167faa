import { expect, test } from 'bun:test';
import type { Message, PendingMessage } from '@flc/sdk';
import { Timeline } from './timeline.ts';

const message = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m-${seq}`,
  conversationId: 'c1',
  seq,
  sender: { type: 'agent', id: 'a1', name: 'Ann' },
  body: `message ${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
  cid: `cid-${seq}`,
  ...extra,
});

const pending = (cid: string, body: string, createdAt: number): PendingMessage => ({
  cid,
  conversationId: 'c1',
  body,
  createdAt,
  status: 'queued',
});

test('delivered messages are ordered by seq and counted once, whatever the order they came in', () => {
  const t = new Timeline();
  t.add([message(3), message(1)]);
  t.add([message(2), message(3)]);
  expect(t.items().map((i) => i.seq)).toEqual([1, 2, 3]);
  expect(t.firstSeq).toBe(1);
  expect(t.lastSeq).toBe(3);
  expect(t.items()[0]).toMatchObject({ mine: false, senderName: 'Ann', status: 'sent' });
});

test("the visitor's reply by mail is marked as sent by email; nothing else is", () => {
  const t = new Timeline();
  t.add([
    message(1),
    message(2, { sender: { type: 'visitor', id: 'v1' }, via: 'email' }),
    message(3, { sender: { type: 'visitor', id: 'v1' } }),
  ]);
  expect(t.items().map((i) => [i.seq, i.viaEmail])).toEqual([
    [1, false],
    [2, true],
    [3, false],
  ]);
});

test('a send shows as sending after what was delivered, and keeps its key through ack and echo', () => {
  const t = new Timeline();
  t.add([message(1)]);
  t.pending([pending('x', 'Hi', 5), pending('w', 'Older', 1)], 'c1');
  t.pending([{ ...pending('y', 'Later', 2), conversationId: 'c2' }], 'c1');
  expect(t.items().map((i) => [i.key, i.status])).toEqual([
    ['cid-1', 'sent'],
    ['w', 'sending'],
    ['x', 'sending'],
  ]);
  t.acked(
    { cid: 'x', id: 'm-2', conversationId: 'c1', seq: 2, createdAt: new Date().toISOString() },
    'v1',
  );
  const acked = t.items().find((i) => i.key === 'x');
  expect(acked).toMatchObject({ status: 'sent', seq: 2, mine: true, body: 'Hi' });
  // The echo of the same message changes nothing; a stale outbox event does not bring it back.
  t.add([message(2, { cid: 'x', body: 'Hi', sender: { type: 'visitor', id: 'v1' } })]);
  t.pending([pending('x', 'Hi', 5)], 'c1');
  expect(t.items().filter((i) => i.key === 'x')).toHaveLength(1);
  expect(t.items().find((i) => i.key === 'x')?.status).toBe('sent');
});

test('a refused send is marked failed until it is forgotten', () => {
  const t = new Timeline();
  t.local('local-1', 'Hello', 1);
  expect(t.unsent).toBe(1);
  t.failed('local-1');
  expect(t.items()).toMatchObject([{ key: 'local-1', status: 'failed', mine: true }]);
  expect(t.forget('local-1')?.body).toBe('Hello');
  expect(t.items()).toEqual([]);
});

test('an edit or a delete changes the line in place; a stale page never undoes it', () => {
  const t = new Timeline();
  t.editWindowMs = 60_000;
  const mine = (seq: number) => message(seq, { sender: { type: 'visitor', id: 'v1' } });
  t.add([mine(1), message(2)]);
  t.change({ conversationId: 'c1', seq: 1, rev: 1, body: 'fixed', editedAt: 'x' });
  expect(t.items()[0]).toMatchObject({ body: 'fixed', edited: true, changeableUntil: 61_000 });
  t.add([mine(1)]); // the page fetched before the edit
  expect(t.items()[0]?.body).toBe('fixed');
  t.change({ conversationId: 'c1', seq: 1, rev: 2, deletedAt: 'y' });
  t.change({ conversationId: 'c1', seq: 1, rev: 1, body: 'fixed', editedAt: 'x' }); // heard again
  expect(t.items()[0]).toMatchObject({ body: '', deleted: true, edited: false });
  expect(t.items()[0]?.changeableUntil).toBeNull();
  expect(t.items()[1]?.changeableUntil).toBeNull(); // not the visitor's
  t.change({ conversationId: 'c1', seq: 9, rev: 3, deletedAt: 'z' }); // not shown: comes whole
  expect(t.items()).toHaveLength(2);
});

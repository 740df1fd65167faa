import { expect, test } from 'bun:test';
import { harness, message } from '@flc/sdk/testing';
import { storeOf } from './store.ts';

// The hooks' state, driven by a client on a fake socket: what a component would render.
const agent = { type: 'agent' as const, id: 'agent-1', organizationId: 'org-1' };
const visitorSender = { type: 'visitor' as const, id: 'visitor-1' };

function setUp() {
  const h = harness();
  const store = storeOf(h.client);
  let calls = 0;
  store.subscribe('c', () => calls++);
  h.client.subscribe('c', 0);
  h.client.connect();
  const socket = h.server.last();
  socket.accept(agent);
  socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 0 });
  return { h, store, socket, changes: () => calls };
}

test('one store per client; a snapshot stays the same object until its conversation changes', () => {
  const { h, store, socket, changes } = setUp();
  expect(storeOf(h.client)).toBe(store);
  const before = store.snapshot('c');
  expect(store.snapshot('c')).toBe(before);
  socket.receive(message('other', 1));
  expect(store.snapshot('c')).toBe(before);
  const seen = changes();
  socket.receive(message('c', 1, { sender: visitorSender }));
  expect(changes()).toBe(seen + 1);
  expect(store.snapshot('c')).not.toBe(before);
  expect(store.snapshot('c').messages.map((m) => m.body)).toEqual(['message 1']);
});

test('messages in seq order with edits and deletions applied; a repeat replaces its seq', () => {
  const { store, socket } = setUp();
  socket.receive(message('c', 1, { sender: visitorSender }));
  socket.receive(message('c', 2, { sender: visitorSender }));
  socket.receive({
    t: 'message.updated',
    conversationId: 'c',
    seq: 1,
    rev: 1,
    body: 'edited',
    editedAt: new Date(5000).toISOString(),
  });
  socket.receive({
    t: 'message.deleted',
    conversationId: 'c',
    seq: 2,
    rev: 2,
    deletedAt: new Date(6000).toISOString(),
  });
  expect(store.snapshot('c').messages.map((m) => [m.seq, m.body])).toEqual([
    [1, 'edited'],
    [2, ''],
  ]);
  expect(store.lastSeq('c')).toBe(2);
});

test('typing: others on and off, a message ends it, a lost connection clears it, never mine', () => {
  const { h, store, socket } = setUp();
  socket.receive({ t: 'typing', conversationId: 'c', sender: visitorSender, on: true });
  socket.receive({
    t: 'typing',
    conversationId: 'c',
    sender: { type: 'agent', id: 'agent-1' },
    on: true,
  });
  expect(store.snapshot('c').typing).toEqual([visitorSender]);
  socket.receive(message('c', 1, { sender: visitorSender }));
  expect(store.snapshot('c').typing).toEqual([]);
  socket.receive({ t: 'typing', conversationId: 'c', sender: visitorSender, on: true });
  socket.receive({ t: 'typing', conversationId: 'c', sender: visitorSender, on: false });
  expect(store.snapshot('c').typing).toEqual([]);
  socket.receive({ t: 'typing', conversationId: 'c', sender: visitorSender, on: true });
  socket.serverClose(1012);
  expect(h.client.state).toBe('reconnecting');
  expect(store.snapshot('c').typing).toEqual([]);
});

test('unread counts the messages of others after the read position; markRead sends read', () => {
  const { store, socket } = setUp();
  socket.receive(message('c', 1, { sender: visitorSender }));
  socket.receive(message('c', 2, { sender: { type: 'agent', id: 'agent-1' } })); // mine
  socket.receive(message('c', 3, { sender: visitorSender }));
  expect(store.snapshot('c').unread).toBe(2);
  store.markRead('c');
  expect(socket.frames('read')).toEqual([{ t: 'read', conversationId: 'c', seq: 3 }]);
  expect([store.snapshot('c').unread, store.snapshot('c').readSeq]).toEqual([0, 3]);
  store.markRead('c'); // nothing new: nothing sent
  expect(socket.frames('read')).toHaveLength(1);
  socket.receive(message('c', 4, { sender: visitorSender }));
  expect(store.snapshot('c').unread).toBe(1);
  // Read on another device of the same agent.
  socket.receive({
    t: 'read',
    conversationId: 'c',
    reader: { type: 'agent', id: 'agent-1' },
    seq: 4,
  });
  expect(store.snapshot('c').unread).toBe(0);
  socket.receive({ t: 'read', conversationId: 'c', reader: visitorSender, seq: 9 });
  expect(store.snapshot('c').readSeq).toBe(4);
});

import { describe, expect, test } from 'bun:test';
import { applyChange, newerOf } from './changes.ts';
import { harness, message } from './testing/harness.ts';
import type { MessageChange } from './types.ts';

// Edits and deletes keep the message's seq; the conversation counts them with a second counter,
// `rev`. These drive the client as the server does (docs/PROTOCOL.md, `message.updated`).
const at = new Date(9000).toISOString();
const updated = (seq: number, rev: number, body: string) => ({
  t: 'message.updated' as const,
  conversationId: 'c',
  seq,
  rev,
  body,
  editedAt: at,
});
const deleted = (seq: number, rev: number) => ({
  t: 'message.deleted' as const,
  conversationId: 'c',
  seq,
  rev,
  deletedAt: at,
});

/** A client following `c`, recording the changes it emits. */
function following() {
  const h = harness();
  const changes: MessageChange[] = [];
  h.client.on('message.updated', (c) => changes.push(c));
  h.client.on('message.deleted', (c) => changes.push(c));
  h.client.subscribe('c', 0);
  return { h, changes, socket: h.open() };
}

describe('applyChange', () => {
  const { t: _, ...m } = message('c', 3);

  test('a newer edit or delete replaces the body; an older or repeated one changes nothing', () => {
    const edited = applyChange(m, updated(3, 2, 'fixed typo'));
    expect(edited).toMatchObject({ seq: 3, body: 'fixed typo', rev: 2, editedAt: at });
    expect(applyChange(edited, updated(3, 1, 'older'))).toBe(edited);
    expect(applyChange(edited, updated(3, 2, 'fixed typo'))).toBe(edited);
    const gone = applyChange(edited, deleted(3, 5));
    expect(gone).toMatchObject({ body: '', rev: 5, deletedAt: at });
    expect(applyChange(gone, updated(3, 4, 'late edit'))).toBe(gone);
  });

  test('a change of another message leaves this one alone', () => {
    expect(applyChange(m, updated(4, 9, 'other'))).toBe(m);
  });

  test('newerOf keeps the state with the higher rev (a stale page never undoes an edit)', () => {
    const edited = applyChange(m, updated(3, 2, 'new'));
    expect(newerOf(edited, m)).toBe(edited);
    expect(newerOf(m, edited)).toBe(edited);
  });
});

describe('changes on the socket', () => {
  test('emitted without the frame tag, for followed conversations only', () => {
    const { changes, socket } = following();
    socket.receive(updated(1, 1, 'edited'));
    socket.receive({ ...deleted(2, 2), conversationId: 'elsewhere' });
    socket.receive(deleted(2, 3));
    expect(changes).toEqual([
      { conversationId: 'c', seq: 1, rev: 1, body: 'edited', editedAt: at },
      { conversationId: 'c', seq: 2, rev: 3, deletedAt: at },
    ]);
  });

  test('a resume asks for the changes after the newest one heard', () => {
    const { h, socket } = following();
    expect(socket.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 0, afterRev: 0 },
    ]);
    socket.receive(message('c', 1));
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 1, headRev: 4 });
    socket.receive(updated(1, 6, 'edited'));
    socket.serverClose(1006);
    h.clock.advance(h.state?.delayMs ?? 0);
    const next = h.server.last();
    next.accept();
    expect(next.frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 1, afterRev: 6 },
    ]);
  });

  test('the head rev of `subscribed` counts even when no change came', () => {
    const { h, socket } = following();
    socket.receive({ t: 'subscribed', conversationId: 'c', headSeq: 0, headRev: 7 });
    socket.serverClose(1012);
    h.clock.advance(0);
    const next = h.server.last();
    next.accept();
    expect(next.frames('subscribe')).toMatchObject([{ afterSeq: 0, afterRev: 7 }]);
  });

  test('a host that already has the changes up to a rev subscribes after it', () => {
    const h = harness();
    h.client.subscribe('c', 10, 3);
    expect(h.open().frames('subscribe')).toEqual([
      { t: 'subscribe', conversationId: 'c', afterSeq: 10, afterRev: 3 },
    ]);
  });

  test('a change to a message held behind a gap is applied before the message is delivered', () => {
    const { h, changes, socket } = following();
    socket.receive(message('c', 1));
    socket.receive(message('c', 3)); // 2 is missing: 3 is held
    socket.receive(updated(3, 1, 'edited while held'));
    expect(h.messages.map((m) => m.seq)).toEqual([1]);
    expect(changes).toHaveLength(1);
    socket.receive(message('c', 2));
    expect(h.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'message 1'],
      [2, 'message 2'],
      [3, 'edited while held'],
    ]);
  });
});

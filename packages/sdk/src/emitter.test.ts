import { expect, test } from 'bun:test';
import { Emitter } from './emitter.ts';

test('on() returns an unsubscribe; a throwing handler is reported and the others still run', () => {
  const reported: unknown[] = [];
  const events = new Emitter<{ ping: number; other: string }>((e) => reported.push(e));
  const got: string[] = [];
  const off = events.on('ping', (n) => got.push(`first ${n}`));
  events.on('ping', () => {
    throw new Error('host bug');
  });
  events.on('ping', (n) => got.push(`third ${n}`));
  events.on('other', (s) => got.push(s));
  events.emit('ping', 1);
  off();
  events.emit('ping', 2);
  expect(got).toEqual(['first 1', 'third 1', 'third 2']);
  expect(reported).toHaveLength(2);
  expect((reported[0] as Error).message).toBe('host bug');
});

import { expect, test } from 'bun:test';
import { uuidv7 } from './ids.ts';

test('uuidv7 has the v7 layout and carries its timestamp', () => {
  const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
  const id = uuidv7(now);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(now);
});

test('uuidv7 ids sort by creation time and do not repeat', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(Array.from({ length: 10_000 }, () => uuidv7())).size).toBe(10_000);
});

test('ids of one process sort in creation order, also within one millisecond', () => {
  // Thousands per millisecond: the counter overflows and borrows the next millisecond.
  const ids = Array.from({ length: 20_000 }, () => uuidv7());
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  const ms = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
  const first = ms(ids[0] ?? '');
  expect(Math.abs(first - Date.now())).toBeLessThan(1_000);
  expect(ms(ids.at(-1) ?? '')).toBeGreaterThanOrEqual(first);
});

import { expect, test } from 'bun:test';
import { contactName, dayLabel, messageTime, shortAgo } from './format.ts';

const now = new Date(2026, 4, 20, 12, 0).getTime(); // local time, a Wednesday

test('shortAgo', () => {
  expect(shortAgo(new Date(now - 20_000).toISOString(), now)).toBe('now');
  expect(shortAgo(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5m');
  expect(shortAgo(new Date(now - 3 * 3600_000).toISOString(), now)).toBe('3h');
  expect(shortAgo(new Date(2026, 4, 18, 9).toISOString(), now)).toBe('Mon');
  expect(shortAgo(new Date(2026, 0, 3, 9).toISOString(), now)).toBe('Jan 3');
  expect(shortAgo(new Date(2024, 0, 3, 9).toISOString(), now)).toBe('Jan 3, 2024');
  expect(shortAgo('garbage', now)).toBe('');
});

test('messageTime and dayLabel', () => {
  expect(messageTime(new Date(2026, 4, 20, 10, 42).toISOString(), now)).toBe('10:42 AM');
  expect(messageTime(new Date(2026, 0, 3, 16, 5).toISOString(), now)).toBe('Jan 3, 4:05 PM');
  expect(dayLabel(new Date(2026, 4, 20, 8).toISOString(), now)).toBe('Today');
  expect(dayLabel(new Date(2026, 4, 19, 8).toISOString(), now)).toBe('Yesterday');
  expect(dayLabel(new Date(2026, 4, 11, 8).toISOString(), now)).toBe('Monday, May 11');
});

test('contactName falls back to a stable visitor label', () => {
  expect(contactName({ id: 'x', name: 'Dana' })).toBe('Dana');
  expect(contactName({ id: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff1234', name: null })).toBe(
    'Visitor 1234',
  );
  expect(contactName({ id: 'abcd', name: '  ' })).toBe('Visitor abcd');
});

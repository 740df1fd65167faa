import { expect, test } from 'bun:test';
import { average, duration } from './format.ts';

test('durations read in the unit that fits', () => {
  expect(duration(null)).toBe('—');
  expect(duration(44.6)).toBe('45 s');
  expect(duration(720)).toBe('12 min');
  expect(duration(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
  expect(duration(7200)).toBe('2 h');
  expect(duration(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
  expect(average(4.5)).toBe('4.50 / 5');
  expect(average(null)).toBe('—');
});

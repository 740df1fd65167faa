import { expect, test } from 'bun:test';
import { filtersSearch, rangeProblem, readFilters } from './filters.ts';

const now = new Date('2026-03-10T20:00:00Z');

test('without a URL: the 30 days up to today in the browser’s zone', () => {
  // 20:00Z is already 11 March in Seoul.
  expect(readFilters(new URLSearchParams(), now, 'Asia/Seoul')).toEqual({
    from: '2026-02-10',
    to: '2026-03-11',
    timeZone: 'Asia/Seoul',
    environmentId: null,
  });
});

test('the URL round-trips; malformed values fall back', () => {
  const f = {
    from: '2026-01-01',
    to: '2026-01-31',
    timeZone: 'Europe/Paris',
    environmentId: 'env-1',
  };
  expect(readFilters(new URLSearchParams(filtersSearch(f)), now, 'UTC')).toEqual(f);
  const bad = readFilters(new URLSearchParams('from=soon&to=2026-01-31&tz=Mars/Base'), now, 'UTC');
  expect(bad).toEqual({
    from: '2026-01-02',
    to: '2026-01-31',
    timeZone: 'UTC',
    environmentId: null,
  });
});

test('a range the API would refuse is caught before asking', () => {
  expect(rangeProblem('2026-02-01', '2026-01-01')).toBe('order');
  expect(rangeProblem('2025-01-01', '2026-01-02')).toBe('length');
  expect(rangeProblem('2024-01-01', '2024-12-31')).toBeNull();
});

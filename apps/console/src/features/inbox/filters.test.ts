import { expect, test } from 'bun:test';
import { defaultFilters } from '../../lib/conversations.ts';
import { filtersFrom, filtersSearch, inboxHref } from './filters.ts';

test('filters read from the URL, unknown values fall back to the defaults', () => {
  expect(filtersFrom(new URLSearchParams(''))).toEqual(defaultFilters);
  expect(filtersFrom(new URLSearchParams('status=closed&assignee=me&env=e1&label=l1'))).toEqual({
    status: 'closed',
    assignee: 'me',
    environmentId: 'e1',
    labelId: 'l1',
  });
  expect(filtersFrom(new URLSearchParams('status=weird&assignee=nobody'))).toEqual(defaultFilters);
});

test('filters round-trip through the URL, defaults left out', () => {
  const filters = {
    status: 'snoozed',
    assignee: 'none',
    environmentId: 'e2',
    labelId: 'l2',
  } as const;
  expect(filtersFrom(new URLSearchParams(filtersSearch(filters)))).toEqual(filters);
  expect(filtersSearch(defaultFilters)).toBe('');
  expect(inboxHref('c 1', { ...defaultFilters, status: 'closed' })).toBe(
    '/inbox/c%201?status=closed',
  );
  expect(inboxHref(null, defaultFilters)).toBe('/inbox');
  expect(inboxHref(null, { ...defaultFilters, labelId: 'l 3' })).toBe('/inbox?label=l+3');
});

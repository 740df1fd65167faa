import { expect, test } from 'bun:test';
import { maskedSecret, relativeTime } from './format.ts';
import { normalizeOrigin, parseOrigins, validateWebhook } from './forms.ts';

test('origins are normalized the way the API and browsers write them', () => {
  expect(normalizeOrigin(' https://WWW.Example.com/ ')).toBe('https://www.example.com');
  expect(normalizeOrigin('http://localhost:3000')).toBe('http://localhost:3000');
  expect(normalizeOrigin('https://example.com:443')).toBe('https://example.com');
  expect(normalizeOrigin('https://example.com/path')).toBeNull();
  expect(normalizeOrigin('ftp://example.com')).toBeNull();
  expect(normalizeOrigin('https://user@example.com')).toBeNull();
  expect(normalizeOrigin('example.com')).toBeNull();
});

test('a pasted list of origins: one per line or comma, de-duplicated, bad ones named', () => {
  expect(parseOrigins('https://a.test\n\nhttps://A.test/, http://b.test:8080\nnope')).toEqual({
    origins: ['https://a.test', 'http://b.test:8080'],
    bad: ['nope'],
  });
  expect(parseOrigins('   ')).toEqual({ origins: [], bad: [] });
});

test('a webhook needs an http(s) URL and at least one event', () => {
  expect(validateWebhook('https://example.com/hook', ['message.created'])).toEqual({});
  expect(validateWebhook('', ['message.created'])).toEqual({ url: 'Required' });
  expect(validateWebhook('example.com/hook', [])).toEqual({
    url: 'Enter an absolute URL, like https://example.com/hooks',
    events: 'Choose at least one event',
  });
  expect(validateWebhook('ftp://example.com', ['message.created']).url).toBe(
    'Use an http or https URL',
  );
});

test('times read relative to now', () => {
  const now = Date.parse('2030-01-10T12:00:00Z');
  expect(relativeTime(null, now)).toBe('Never');
  expect(relativeTime('2030-01-10T11:59:50Z', now)).toBe('just now');
  expect(relativeTime('2030-01-10T11:55:00Z', now)).toBe('5 min ago');
  expect(relativeTime('2030-01-10T09:00:00Z', now)).toBe('3 h ago');
  expect(relativeTime('2030-01-09T12:00:00Z', now)).toBe('1 day ago');
  expect(relativeTime('2030-01-10T12:10:00Z', now)).toBe('in 10 min');
});

test('a hidden secret shows as dots ending in its hint', () => {
  expect(maskedSecret('…1a2b', 4)).toBe('••••1a2b');
  expect(maskedSecret(undefined, 3)).toBe('•••');
});

import { expect, test } from 'bun:test';
import { pickLocale } from './locale.ts';

test('the first of the browser’s languages the console speaks; English otherwise', () => {
  expect(pickLocale(['ko-KR', 'en-US'])).toBe('ko');
  expect(pickLocale(['ko'])).toBe('ko');
  expect(pickLocale(['fr-FR', 'KO-kr'])).toBe('ko');
  expect(pickLocale(['en-GB', 'ko-KR'])).toBe('en');
  expect(pickLocale(['ja-JP', 'de'])).toBe('en');
  expect(pickLocale([])).toBe('en');
});

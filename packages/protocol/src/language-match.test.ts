import { expect, test } from 'bun:test';
import { acceptedLanguages, matchLanguage, negotiateLanguage } from './language-match.ts';
import { visitorLocales } from './locales.ts';

test('Accept-Language: by q, then in order; * and q=0 dropped', () => {
  expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual([
    'fr-CH',
    'fr',
    'en',
    'de',
  ]);
  expect(acceptedLanguages('en;q=0.5, ar-EG, ko;q=0')).toEqual(['ar-EG', 'en']);
  expect(acceptedLanguages(null)).toEqual([]);
  expect(acceptedLanguages('')).toEqual([]);
});

test("the platform's languages match as the widget's do", () => {
  expect(matchLanguage('zh-SG', visitorLocales)).toBe('zh-Hans');
  expect(matchLanguage('zh-TW', visitorLocales)).toBeNull();
  expect(matchLanguage('ar-EG', visitorLocales)).toBe('ar');
  expect(negotiateLanguage(['pt-BR', 'zh-HK', 'de-AT'], visitorLocales, 'en')).toBe('de');
  expect(negotiateLanguage(['pt-BR'], visitorLocales, 'en')).toBe('en');
});

import { expect, test } from 'bun:test';
import { visitorLocales } from '@flc/protocol';
import { mailCatalogs, mailWords } from './words.ts';

/** Every value of a catalog, the functions called with sample arguments. */
function texts(locale: string): [string, string][] {
  const words = mailWords(locale as never);
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(words)) {
    if (typeof value === 'string') out.push([key, value]);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) out.push([`${key}.${i}`, v]);
    } else if (typeof value === 'function') {
      for (const n of [1, 2, 3, 11, 100]) out.push([`${key}(${n})`, String(value('Acme', n))]);
      out.push([`${key}(null)`, String(value(null, 1))]);
    }
  }
  return out;
}

test.each([...visitorLocales])('%s: every word of the mails and pages is there', (locale) => {
  expect(mailCatalogs[locale]).toBeDefined();
  expect(Object.keys(mailWords(locale)).sort()).toEqual(Object.keys(mailWords('en')).sort());
  for (const [key, text] of texts(locale)) {
    expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, raw: /#|undefined|NaN/.test(text) }).toEqual({ key, raw: false });
  }
  if (locale !== 'en') expect(mailWords(locale).answer).not.toBe(mailWords('en').answer);
});

test('counted replies take the plural forms of the language', () => {
  expect(mailWords('fr').replied('Acme', 1)).toBe('Acme a répondu à votre conversation\u00a0:');
  expect(mailWords('fr').replied('Acme', 3)).toBe(
    'Acme vous a envoyé 3 réponses dans votre conversation\u00a0:',
  );
  expect(mailWords('de').replied('Acme', 2)).toContain('2 Antworten');
  const ar = mailWords('ar');
  expect(ar.replied('Acme', 2)).toBe('أرسل إليك Acme ردّين في محادثتك:');
  expect(ar.replied('Acme', 4)).toContain('ردود');
  expect(mailWords(null)).toBe(mailWords('en'));
});

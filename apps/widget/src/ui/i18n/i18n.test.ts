import { describe, expect, test } from 'bun:test';
import type { Failure } from '../../session.ts';
import { catalogs, localeOf, negotiate, stringsOf, widgetLocale } from './index.ts';
import type { Strings } from './strings.ts';

describe('the browser language the widget speaks', () => {
  test('by language, whatever the region; Chinese by script', () => {
    expect(localeOf('ar-EG')).toBe('ar');
    expect(localeOf('fr-CA')).toBe('fr');
    expect(localeOf('es-419')).toBe('es');
    expect(localeOf('de')).toBe('de');
    for (const simplified of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-HK']) {
      expect(localeOf(simplified)).toBe('zh-Hans');
    }
    for (const traditional of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-CN']) {
      expect(localeOf(traditional)).toBeNull();
    }
    expect(localeOf('pt-BR')).toBeNull();
    expect(localeOf('not a tag')).toBeNull();
    expect(localeOf('')).toBeNull();
  });

  test('navigator.languages in order, the first one offered wins, English last', () => {
    expect(negotiate(['pt-BR', 'zh-TW', 'ja-JP', 'en-US'])).toBe('ja');
    expect(negotiate(['zh-HK', 'zh-CN'])).toBe('zh-Hans');
    expect(negotiate(['en-GB', 'ko-KR'])).toBe('en');
    expect(negotiate(['pt', 'it'])).toBe('en');
    expect(negotiate([])).toBe('en');
  });

  test("the environment's language wins when it fixed one; auto leaves it to the browser", () => {
    expect(widgetLocale('ja', 'en')).toBe('ja');
    expect(widgetLocale('auto', 'fr')).toBe('fr');
    expect(widgetLocale(null, 'ar')).toBe('ar');
    // What an older or tampered localStorage holds is not a language: the browser's then.
    expect(widgetLocale('xx' as never, 'de')).toBe('de');
  });
});

const failures: Failure[] = ['identity', 'plugin_key', 'origin', 'setup'];
/** The functions of a count; the others take text (an address, a name, a time). */
const counted = new Set(['unread', 'prechatFix', 'stars', 'fileSize', 'replyIn']);

/** Every value of a catalog, the functions called with sample arguments. */
function texts(t: Strings): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(t)) {
    if (key === 'failures') continue;
    if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'function') {
      if (!counted.has(key)) out.push([`${key}(text)`, String(value('invoice.pdf', '1 KB'))]);
      else for (const n of [0, 1, 2, 3, 11, 100, 1500]) out.push([`${key}(${n})`, value(n)]);
    }
  }
  for (const f of failures) out.push([`failures.${f}`, t.failures[f]]);
  return out;
}

describe('the catalogs', () => {
  const en = stringsOf('en');
  test.each(Object.keys(catalogs))('%s: every key is there and says something', (locale) => {
    const t = catalogs[locale as keyof typeof catalogs];
    expect(Object.keys(t).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of texts(t)) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, raw: /#|undefined|NaN|\[object/.test(text) }).toEqual({ key, raw: false });
    }
    expect(t.lang).toBe(locale);
    expect(t.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
  });

  test('only English words in English, and other words elsewhere', () => {
    for (const [locale, t] of Object.entries(catalogs)) {
      if (locale === 'en') continue;
      expect({ locale, same: t.title === en.title || t.send === en.send }).toEqual({
        locale,
        same: false,
      });
    }
  });

  test('plural forms by Intl.PluralRules', () => {
    expect(en.unread(1)).toBe('1 unread message');
    expect(en.unread(3)).toBe('3 unread messages');
    expect(stringsOf('fr').unread(1)).toBe('1 message non lu');
    expect(stringsOf('fr').unread(2)).toBe('2 messages non lus');
    expect(stringsOf('de').replyIn(1)).toBe('Wir antworten meist innerhalb von 1 Minute');
    expect(stringsOf('es').replyIn(120)).toBe('Solemos responder en 2 horas');
    expect(stringsOf('ja').unread(5)).toBe('未読メッセージ 5件');
    const ar = stringsOf('ar');
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect(ar.unread(1)).toBe('رسالة واحدة غير مقروءة');
    expect(ar.unread(2)).toBe('رسالتان غير مقروءتين');
    expect(ar.unread(3)).toBe(`${digits(3)} رسائل غير مقروءة`);
    expect(ar.unread(11)).toBe(`${digits(11)} رسالة غير مقروءة`);
    expect(ar.replyIn(2)).toBe('نرد عادةً خلال دقيقتين');
    expect(ar.replyIn(5)).toBe(`نرد عادةً خلال ${digits(5)} دقائق`);
  });

  test("sizes in the language's digits, separators and units", () => {
    expect(en.fileSize(8)).toBe('8 B');
    expect(en.fileSize(3500)).toBe('3.4 KB');
    expect(en.fileSize(12 * 1024 * 1024)).toBe('12 MB');
    expect(stringsOf('fr').fileSize(3500)).toBe('3,4 Ko');
    expect(stringsOf('de').fileSize(3500)).toBe('3,4 KB');
    expect(stringsOf('ar').fileSize(3500)).toBe(
      `${new Intl.NumberFormat('ar', { minimumFractionDigits: 1 }).format(3.4)} كيلوبايت`,
    );
  });

  test('an address or a file name keeps its own direction in an Arabic sentence', () => {
    expect(stringsOf('ar').emailSaved('a@example.com')).toContain('\u2068a@example.com\u2069');
    expect(stringsOf('ar').download('invoice.pdf', '1 KB')).toContain('\u2068invoice.pdf\u2069');
  });
});

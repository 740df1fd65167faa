import { describe, expect, test } from 'bun:test';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from 'react-intl';
import { en } from './catalog.en.ts';
import { ko } from './catalog.ko.ts';
import { flatten } from './catalog.ts';

// The types already make ko's keys en's; this also catches a placeholder renamed or dropped in a
// translation and a message that is not valid ICU MessageFormat.
const english = flatten(en);
const korean = flatten(ko);

/** The arguments a message reads (`{name}`, `{n, plural, …}`) and its `<tag>`s, from its AST. */
function argumentsOf(message: string): { names: string[]; tags: string[] } {
  const names = new Set<string>();
  const tags = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.tag) {
        tags.add(el.value);
        walk(el.children);
      } else if (el.type === TYPE.select || el.type === TYPE.plural) {
        names.add(el.value);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (
        el.type === TYPE.argument ||
        el.type === TYPE.number ||
        el.type === TYPE.date ||
        el.type === TYPE.time
      ) {
        names.add(el.value);
      }
    }
  };
  walk(parse(message));
  return { names: [...names].sort(), tags: [...tags].sort() };
}

describe('the console catalogs', () => {
  test('en and ko have the same keys', () => {
    expect(Object.keys(korean).sort()).toEqual(Object.keys(english).sort());
  });

  test('every translation reads the same arguments and tags as its English source', () => {
    const differ = Object.keys(english).filter(
      (key) =>
        JSON.stringify(argumentsOf(english[key] ?? '')) !==
        JSON.stringify(argumentsOf(korean[key] ?? '')),
    );
    expect(differ).toEqual([]);
  });

  test('every message formats in its language without an error', () => {
    const errors: string[] = [];
    for (const [locale, messages] of [
      ['en', english],
      ['ko', korean],
    ] as const) {
      const intl = createIntl({
        locale,
        messages,
        onError: (e) => errors.push(`${locale}: ${e.message}`),
      });
      for (const [key, message] of Object.entries(messages)) {
        const { names, tags } = argumentsOf(message);
        const values: Record<string, unknown> = {};
        for (const name of names) values[name] = 2;
        for (const tag of tags) values[tag] = (chunks: unknown[]) => chunks.join('');
        const out = intl.formatMessage({ id: key as never }, values as never);
        if (typeof out === 'string' && out === key) errors.push(`${locale}: ${key} not formatted`);
      }
    }
    expect(errors).toEqual([]);
  });

  test('the Korean catalog speaks Korean', () => {
    // A key left in English slips through the types; only symbols and brand names may match.
    const same = Object.keys(english).filter(
      (key) => korean[key] === english[key] && /[a-z]{3}/i.test(english[key] ?? ''),
    );
    expect(same.filter((key) => !SAME_IN_BOTH.has(key))).toEqual([]);
  });
});

/** Messages that are the same in both languages on purpose (names, formats, file names). */
const SAME_IN_BOTH = new Set([
  'common.appName',
  'inbox.keyEnter',
  'inbox.keyEscape',
  'inbox.teammate',
  'dataRights.fileName',
  'reports.averageOf5',
  'system.redis',
]);

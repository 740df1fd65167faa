import { describe, expect, test } from 'bun:test';
import { matchResponses, replaceWord, slashWord } from './slash.ts';

describe('slashWord', () => {
  test('a / that starts a word opens, with what follows it up to the caret and beyond', () => {
    expect(slashWord('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(slashWord('/gre', 4)).toEqual({ start: 0, end: 4, query: 'gre' });
    expect(slashWord('Hello /Re_f-1', 13)).toEqual({ start: 6, end: 13, query: 'Re_f-1' });
    expect(slashWord('Thanks!\n/ref', 12)).toEqual({ start: 8, end: 12, query: 'ref' });
    // The caret inside the word: the whole word is replaced, the query is all of it.
    expect(slashWord('a /refund b', 5)).toEqual({ start: 2, end: 9, query: 'refund' });
  });

  test('a slash inside a word, after the word, or beyond a shortcut opens nothing', () => {
    expect(slashWord('https://example.com/a', 21)).toBeNull();
    expect(slashWord('1/2', 3)).toBeNull();
    expect(slashWord('and/or', 6)).toBeNull();
    expect(slashWord('/ref ', 5)).toBeNull();
    expect(slashWord('/ref.', 5)).toBeNull();
    expect(slashWord('/ref', 0)).toBeNull();
    expect(slashWord(`/${'a'.repeat(33)}`, 34)).toBeNull();
    expect(slashWord(`/${'a'.repeat(20)}`, 5)).toEqual({
      start: 0,
      end: 21,
      query: 'a'.repeat(20),
    });
    // Longer than a shortcut can be, counting what follows the caret.
    expect(slashWord(`/${'a'.repeat(33)}`, 25)).toBeNull();
  });
});

describe('matchResponses', () => {
  const r = (
    shortcut: string,
    title: string,
    scope: 'organization' | 'personal' = 'organization',
  ) => ({ shortcut, title, scope }) as const;
  const items = [
    r('address', 'Ask for the address'),
    r('bye', 'Goodbye'),
    r('readdress', 'Address again'),
    r('Refund', 'Refund policy'),
    r('refund', 'My refund words', 'personal'),
    r('thanks', 'Thank you'),
  ];
  const shortcuts = (query: string, limit?: number) =>
    matchResponses(items, query, limit).shown.map((i) => `${i.shortcut}:${i.scope[0]}`);

  test('shortcuts that start with the query, then that hold it, then titles; ignoring case', () => {
    expect(shortcuts('ADD')).toEqual(['address:o', 'readdress:o']);
    expect(shortcuts('re')).toEqual(['readdress:o', 'refund:p', 'Refund:o', 'address:o']);
    expect(shortcuts('good')).toEqual(['bye:o']);
    expect(shortcuts('zzz')).toEqual([]);
  });

  test('an empty query lists them all by shortcut, up to the limit, and counts the rest', () => {
    expect(shortcuts('')).toEqual([
      'address:o',
      'bye:o',
      'readdress:o',
      'refund:p',
      'Refund:o',
      'thanks:o',
    ]);
    expect(matchResponses(items, '', 2)).toMatchObject({ more: 4 });
    expect(shortcuts('', 2)).toEqual(['address:o', 'bye:o']);
  });
});

describe('replaceWord', () => {
  test('puts the text where the /word was and the caret after it', () => {
    const text = 'Hello /ref, bye';
    const word = slashWord(text, 9);
    if (!word) throw new Error('expected a /word');
    expect(replaceWord(text, word, 'Refunds take 5 days.')).toEqual({
      text: 'Hello Refunds take 5 days., bye',
      caret: 26,
    });
    expect(replaceWord('/x', { start: 0, end: 2, query: 'x' }, '')).toEqual({ text: '', caret: 0 });
  });
});

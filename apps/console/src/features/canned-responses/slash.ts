/** What the composer's `/` picker needs to know about the text, as pure functions. */

const SHORTCUT_CHARS = /^[A-Za-z0-9_-]*/;

/** A `/shortcut` being typed: where its `/` is, where the word ends, and what follows the `/`. */
export interface SlashWord {
  start: number;
  end: number;
  query: string;
}

/**
 * The `/word` the caret is in, or null. The `/` must start a word (the text's start, or after
 * a space or a line break), so a URL's or a date's slash opens nothing; the word runs over the
 * shortcut characters on both sides of the caret.
 */
export function slashWord(text: string, caret: number): SlashWord | null {
  const match = /(?:^|\s)\/([A-Za-z0-9_-]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const typed = match[1] ?? '';
  const rest = SHORTCUT_CHARS.exec(text.slice(caret))?.[0] ?? '';
  const query = typed + rest;
  if (query.length > 32) return null;
  return { start: caret - typed.length - 1, end: caret + rest.length, query };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Candidate {
  shortcut: string;
  title: string;
  scope: 'organization' | 'personal';
}

/**
 * The responses for `query`, best first: shortcuts that start with it, then shortcuts that hold
 * it, then titles that do (ignoring case); a personal response before an organization-wide one
 * of the same shortcut; otherwise in the order given. `limit` of them, and how many more match.
 */
export function matchResponses<T extends Candidate>(
  items: readonly T[],
  query: string,
  limit = 8,
): { shown: T[]; more: number } {
  const q = query.toLowerCase();
  const rank = (item: T) => {
    const shortcut = item.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    if (item.title.toLowerCase().includes(q)) return 2;
    return -1;
  };
  const ranked = items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .filter((r) => r.rank >= 0)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        compare(a.item.shortcut.toLowerCase(), b.item.shortcut.toLowerCase()) ||
        (a.item.scope === b.item.scope ? 0 : a.item.scope === 'personal' ? -1 : 1) ||
        a.index - b.index,
    );
  return {
    shown: ranked.slice(0, limit).map((r) => r.item),
    more: Math.max(0, ranked.length - limit),
  };
}

/** The text with the `/word` replaced by `insert`, and the caret just after it. */
export function replaceWord(
  text: string,
  word: SlashWord,
  insert: string,
): { text: string; caret: number } {
  return {
    text: text.slice(0, word.start) + insert + text.slice(word.end),
    caret: word.start + insert.length,
  };
}

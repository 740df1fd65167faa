import type { Message } from './message.ts';

/** Longer words are cut: no real word is, and the index stays small. */
const MAX_TERM_LENGTH = 64;
const word = /[\p{L}\p{N}]+/gu;

/** A text's words as search compares them: NFKC, lowercase, split on anything but letters and digits. */
export function normalizedWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(word) ?? [];
}

/**
 * The distinct words of a text, in first-seen order: what the MongoDB store indexes per message
 * (`terms`) and what a query looks for. Every store matches the same words.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(normalizedWords(text).map((w) => w.slice(0, MAX_TERM_LENGTH)))];
}

export interface MessageSearch {
  organizationId: string;
  /** `searchTerms` of the query: a message matching any of them is a hit. */
  terms: string[];
  /** How many of the best hits to return. */
  limit: number;
}

/** A hit: the message, and how many of the query's distinct terms it holds. */
export interface MessageSearchHit {
  message: Message;
  matched: number;
}

export interface Highlight {
  start: number;
  end: number;
}

export interface Snippet {
  snippet: string;
  highlights: Highlight[];
}

/** A word of the text matches a term it begins with, or a term it is the stem of (english). */
const wordMatches = (w: string, terms: readonly string[]): boolean =>
  terms.some((t) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w)));

/**
 * At most `width` characters of `text` around its first matched word, and where its matched
 * words are. Offsets are the snippet's string indices (UTF-16), so a client slices it directly;
 * the text stays text (clients render the marks, never HTML from here).
 */
export function wordSnippet(text: string, terms: readonly string[], width = 160): Snippet {
  const matches: Highlight[] = [];
  for (const m of text.matchAll(word)) {
    if (wordMatches(m[0].normalize('NFKC').toLowerCase(), terms)) {
      matches.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return cut(text, matches, width);
}

/** The same for a plain substring match, case-insensitive (a contact's name, email, ...). */
export function substringSnippet(text: string, needle: string, width = 160): Snippet {
  const matches: Highlight[] = [];
  if (needle.length > 0) {
    const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    for (const m of text.matchAll(pattern)) {
      matches.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return cut(text, matches, width);
}

/** A window of `width` starting a little before the first match, on a word's start. */
function cut(text: string, matches: Highlight[], width: number): Snippet {
  if (text.length <= width) return { snippet: text, highlights: matches };
  const first = matches[0]?.start ?? 0;
  let from = Math.max(0, Math.min(first - Math.floor(width / 4), text.length - width));
  // Never split a surrogate pair or start mid-word when a space is near.
  const space = text.lastIndexOf(' ', from);
  if (from > 0 && space >= 0 && from - space < 20) from = space + 1;
  if (isLowSurrogate(text.charCodeAt(from))) from += 1;
  let to = Math.min(text.length, from + width);
  if (isLowSurrogate(text.charCodeAt(to))) to -= 1;
  const lead = from > 0 ? '…' : '';
  const snippet = `${lead}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  const shift = lead.length - from;
  const highlights = matches
    .filter((h) => h.start >= from && h.end <= to)
    .map((h) => ({ start: h.start + shift, end: h.end + shift }));
  return { snippet, highlights };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

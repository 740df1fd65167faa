// Without TypeBox: the console imports the list itself (`@flc/protocol/search-languages`).

/**
 * The languages an organization may search in. Those PostgreSQL stems (english: "refunds" finds
 * "refund") map to its configuration of the same name; the others are searched word by word,
 * lowercased, as `simple` does (PostgreSQL has no stemmer for them).
 */
export const searchLanguages = [
  'simple',
  'arabic',
  'chinese',
  'danish',
  'dutch',
  'english',
  'finnish',
  'french',
  'german',
  'greek',
  'hungarian',
  'indonesian',
  'italian',
  'japanese',
  'korean',
  'norwegian',
  'portuguese',
  'romanian',
  'russian',
  'spanish',
  'swedish',
  'turkish',
] as const;
export type SearchLanguage = (typeof searchLanguages)[number];

/** The languages above without a PostgreSQL text search configuration: indexed as `simple`. */
const unstemmed: ReadonlySet<SearchLanguage> = new Set(['chinese', 'japanese', 'korean']);

/** The PostgreSQL text search configuration a language is indexed with. */
export const searchConfigOf = (language: SearchLanguage): string =>
  unstemmed.has(language) ? 'simple' : language;

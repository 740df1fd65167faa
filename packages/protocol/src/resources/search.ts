import { type Static, Type as T, type TLiteral } from '@sinclair/typebox';
import { searchLanguages } from '../search-languages.ts';
import { Id, Nullable, Timestamp } from './common.ts';

export { searchConfigOf, searchLanguages } from '../search-languages.ts';

export type SearchLanguage = Static<typeof SearchLanguage>;

type Literals<L extends readonly string[]> = { -readonly [K in keyof L]: TLiteral<L[K]> };

export const SearchLanguage = T.Union(
  searchLanguages.map((l) => T.Literal(l)) as Literals<typeof searchLanguages>,
  {
    description:
      'How messages are split into words and matched: a stemming language (english, german, ...) or `simple` (lowercased words). Languages PostgreSQL has no stemmer for (korean, japanese, chinese) search as `simple`.',
  },
);

export const SearchType = T.Union(
  [T.Literal('all'), T.Literal('messages'), T.Literal('contacts'), T.Literal('conversations')],
  { description: 'What to search; `all` lists contacts, then conversations, then messages' },
);
export type SearchType = Static<typeof SearchType>;

/** A matched stretch of `snippet`: UTF-16 offsets, `end` exclusive (a JS string's indices). */
export const Highlight = T.Object({
  start: T.Integer({ minimum: 0 }),
  end: T.Integer({ minimum: 1 }),
});
export type Highlight = Static<typeof Highlight>;

const hitBase = {
  snippet: T.String({
    description: 'Plain text around the match (not HTML: render it as text, marking `highlights`)',
  }),
  highlights: T.Array(Highlight),
};

export const MessageHit = T.Object({
  type: T.Literal('message'),
  ...hitBase,
  id: Id,
  conversationId: Id,
  seq: T.Integer({ minimum: 1, description: 'Open the conversation at this message' }),
  kind: T.Union([T.Literal('message'), T.Literal('note')]),
  senderType: T.Union([
    T.Literal('visitor'),
    T.Literal('agent'),
    T.Literal('bot'),
    T.Literal('system'),
  ]),
  senderName: Nullable(T.String()),
  createdAt: Timestamp,
});

export const ContactHit = T.Object({
  type: T.Literal('contact'),
  ...hitBase,
  id: Id,
  environmentId: Id,
  name: Nullable(T.String()),
  email: Nullable(T.String()),
  externalId: Nullable(T.String()),
  field: T.Union(
    [T.Literal('name'), T.Literal('email'), T.Literal('externalId'), T.Literal('attributes')],
    { description: 'Where the match is: `snippet` is that field (an attribute as `key: value`)' },
  ),
});

export const ConversationHit = T.Object({
  type: T.Literal('conversation'),
  ...hitBase,
  id: Id,
  environmentId: Id,
  contactId: Id,
  contactName: Nullable(T.String()),
  status: T.Union([T.Literal('open'), T.Literal('snoozed'), T.Literal('closed')]),
  lastActivityAt: Timestamp,
});

export const SearchHit = T.Union([ContactHit, ConversationHit, MessageHit]);
export type SearchHit = Static<typeof SearchHit>;
export type MessageHit = Static<typeof MessageHit>;
export type ContactHit = Static<typeof ContactHit>;
export type ConversationHit = Static<typeof ConversationHit>;

export const SearchPage = T.Object({
  items: T.Array(SearchHit),
  nextCursor: T.Union([T.String(), T.Null()], {
    description: 'The next page; null at the end, and after the 500th hit of a query',
  }),
});
export type SearchPage = Static<typeof SearchPage>;

/** Bounds of a search: its text, its page, and how deep paging goes. */
export const searchLimits = { minQuery: 2, maxQuery: 200, maxTerms: 8, maxHits: 500 } as const;

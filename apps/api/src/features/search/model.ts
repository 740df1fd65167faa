import { SearchType, searchLimits } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id } from '../../lib/models.ts';

export const SearchQuery = t.Object({
  q: t.String({
    minLength: searchLimits.minQuery,
    maxLength: searchLimits.maxQuery,
    // Two characters that are not white space: at least minQuery once trimmed.
    pattern: '\\S[\\s\\S]*\\S',
    description: `What to look for: ${searchLimits.minQuery} to ${searchLimits.maxQuery} characters once trimmed. Messages match whole words (any of them; those holding more come first; up to ${searchLimits.maxTerms} words count), contacts and conversations the text anywhere in a field.`,
  }),
  type: t.Optional(SearchType),
  environmentId: t.Optional(Id),
  cursor: t.Optional(t.String({ maxLength: 200 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type SearchQuery = typeof SearchQuery.static;

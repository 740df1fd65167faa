import { t } from 'elysia';
import { ListQuery } from '../../lib/models.ts';

export { MentionPage, MentionsRead, MentionsReadResult } from '@flc/protocol/resources';

export const MentionsQuery = t.Composite([
  ListQuery,
  t.Object({
    unread: t.Optional(t.Boolean({ description: 'Only the mentions not marked read yet' })),
  }),
]);
export type MentionsQuery = typeof MentionsQuery.static;

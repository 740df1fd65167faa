import { ConversationStatus } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery, Timestamp } from '../../lib/models.ts';

export const ConversationsQuery = t.Composite([
  ListQuery,
  t.Object({
    status: t.Optional(ConversationStatus),
    assignee: t.Optional(
      t.Union([Id, t.Literal('me'), t.Literal('none')], {
        description: 'An agent id, `me` (agent tokens only) or `none` (unassigned)',
      }),
    ),
    environmentId: t.Optional(Id),
    contactId: t.Optional(Id),
  }),
]);
export type ConversationsQuery = typeof ConversationsQuery.static;

export const ConversationPatch = t.Object({
  status: t.Optional(ConversationStatus),
  assigneeId: t.Optional(
    t.Nullable(Id, { description: 'An active agent of the organization; null unassigns' }),
  ),
  snoozedUntil: t.Optional(
    t.Nullable(Timestamp, {
      description:
        'With status `snoozed` only: a future time when it opens again by itself; absent or null, it stays snoozed until the visitor writes',
    }),
  ),
});
export type ConversationPatch = typeof ConversationPatch.static;

import {
  Conversation,
  ConversationRating,
  ConversationStatus,
  Nullable,
} from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery } from '../../lib/models.ts';

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
    label: t.Optional(
      t.String({
        format: 'uuid',
        description: "Only those carrying this label (its id); another organization's matches none",
      }),
    ),
  }),
]);
export type ConversationsQuery = typeof ConversationsQuery.static;

/** One conversation as `GET /v1/conversations/:id` shows it: with its satisfaction rating. */
export const RatedConversation = t.Composite([
  Conversation,
  t.Object({ rating: Nullable(ConversationRating, { description: 'Null: not rated' }) }),
]);

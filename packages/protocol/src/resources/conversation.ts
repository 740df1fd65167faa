import { type Static, Type as T } from '@sinclair/typebox';
import { limits } from '../codes.ts';
import { ConversationStatus, ConversationSummary, MessageFrame, MessageKind } from '../frames.ts';
import { Id, Nullable, Timestamp } from './common.ts';

export { ConversationStatus } from '../frames.ts';

/** The inbox's view: the socket's `conversation` frame summary, plus its timestamps. */
export const Conversation = T.Composite([
  ConversationSummary,
  T.Object({
    visitorReadSeq: T.Integer({
      minimum: 0,
      description: "The highest seq the visitor has read: the team's messages up to it were seen",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
]);
export type Conversation = Static<typeof Conversation>;

export const ConversationPatch = T.Object({
  status: T.Optional(ConversationStatus),
  assigneeId: T.Optional(
    Nullable(Id, {
      description:
        'An active agent of the organization (with `teamId`, a member of that team); null unassigns',
    }),
  ),
  teamId: T.Optional(
    Nullable(Id, {
      description:
        'A team of the organization (`GET /v1/teams`); null takes the conversation out of its team',
    }),
  ),
  snoozedUntil: T.Optional(
    Nullable(Timestamp, {
      description:
        'With status `snoozed` only: a future time when it opens again by itself; absent or null, it stays snoozed until the visitor writes',
    }),
  ),
});
export type ConversationPatch = Static<typeof ConversationPatch>;

/**
 * The visitor's view: no assignee or contact, no private notes; `unread` counts the messages the
 * visitor has not read.
 */
export const WidgetConversation = T.Object({
  id: Id,
  status: ConversationStatus,
  lastSeq: T.Integer({
    minimum: 0,
    description: 'The seq of the newest message the visitor sees (a private note is never one)',
  }),
  lastMessage: ConversationSummary.properties.lastMessage,
  unread: T.Integer({ minimum: 0 }),
  lastActivityAt: Timestamp,
  createdAt: Timestamp,
});
export type WidgetConversation = Static<typeof WidgetConversation>;

/** A message as REST returns it: the socket's `message` frame without its type tag. */
export const Message = T.Omit(MessageFrame, ['t']);
export type Message = Static<typeof Message>;

/** A message's new body, with the same limits as a send. */
export const MessageEdit = T.Object({
  body: T.String({ minLength: 1, maxLength: limits.maxBodyChars }),
});
export type MessageEdit = Static<typeof MessageEdit>;

/** A conversation's edited and deleted messages after a rev, and its last rev. */
export const MessageChangePage = T.Object({
  changes: T.Array(Message, { description: 'Messages as they are now, by ascending rev' }),
  headRev: T.Integer({ minimum: 0, description: "The conversation's last change" }),
});
export type MessageChangePage = Static<typeof MessageChangePage>;

/** The limits of the socket's `send` frame, so both ways in accept the same messages. */
export const MessageCreate = T.Object({
  body: T.String({
    maxLength: limits.maxBodyChars,
    description:
      'The text; empty only when the message carries `attachments` (422 `validation` when both are empty)',
  }),
  cid: T.Optional(
    T.String({
      minLength: 1,
      maxLength: limits.maxCidChars,
      description: 'Idempotency key: sending it again returns the first message',
    }),
  ),
  kind: T.Optional(
    T.Union(MessageKind.anyOf, {
      description:
        '`note`: a private note for the team, never shown to the visitor (agents and API keys only; 403 for a visitor). Default `message`',
    }),
  ),
  attachments: T.Optional(
    T.Array(T.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: limits.maxAttachmentsPerMessage,
      uniqueItems: true,
      description:
        'Ids of attachments uploaded to this conversation (`POST …/attachments`), sent with the message (422 for an unknown one)',
    }),
  ),
});
export type MessageCreate = Static<typeof MessageCreate>;

export const MessagePage = T.Object({
  items: T.Array(Message, { description: 'Ascending seq' }),
  hasMore: T.Boolean({
    description: 'More messages lie beyond this page: older with beforeSeq, newer otherwise',
  }),
});
export type MessagePage = Static<typeof MessagePage>;

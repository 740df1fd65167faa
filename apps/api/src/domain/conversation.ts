import { type ConversationRow, toConversationResource } from '@flc/core';
import { ConversationStatus, ConversationSummary, limits, MessageFrame } from '@flc/protocol';
import { t } from 'elysia';
import { Id, Timestamp } from '../lib/models.ts';

export { ConversationStatus };

const Seq = t.Integer({ minimum: 0 });

/** The inbox's view: the socket's `conversation` frame summary, plus its timestamps. */
export const Conversation = t.Composite([
  ConversationSummary,
  t.Object({
    visitorReadSeq: t.Integer({
      minimum: 0,
      description: "The highest seq the visitor has read: the team's messages up to it were seen",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
]);
export type Conversation = typeof Conversation.static;

/** The visitor's view: no assignee or contact; `unread` counts what the visitor has not read. */
export const WidgetConversation = t.Object({
  id: Id,
  status: ConversationStatus,
  lastSeq: Seq,
  lastMessage: ConversationSummary.properties.lastMessage,
  unread: t.Integer({ minimum: 0 }),
  lastActivityAt: Timestamp,
  createdAt: Timestamp,
});
export type WidgetConversation = typeof WidgetConversation.static;

/** A message as REST returns it: the socket's `message` frame without its type tag. */
export const Message = t.Omit(MessageFrame, ['t']);

/** The limits of the socket's `send` frame, so both ways in accept the same messages. */
export const MessageCreate = t.Object({
  body: t.String({ minLength: 1, maxLength: limits.maxBodyChars }),
  cid: t.Optional(
    t.String({
      minLength: 1,
      maxLength: limits.maxCidChars,
      description: 'Idempotency key: sending it again returns the first message',
    }),
  ),
});

export const MessagesQuery = t.Object({
  afterSeq: t.Optional(t.Integer({ minimum: 0, description: 'Only messages with a greater seq' })),
  beforeSeq: t.Optional(
    t.Integer({ minimum: 1, description: 'The newest messages with a smaller seq' }),
  ),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const MessagePage = t.Object({
  items: t.Array(Message, { description: 'Ascending seq' }),
  hasMore: t.Boolean({
    description: 'More messages lie beyond this page: older with beforeSeq, newer otherwise',
  }),
});

/** The mapping lives in core: webhook events carry the same resource, also from the persister. */
export const toConversation = (r: ConversationRow): Conversation => toConversationResource(r);

export const toWidgetConversation = (r: ConversationRow): WidgetConversation => ({
  id: r.id,
  status: r.status,
  lastSeq: r.last_seq,
  lastMessage: r.last_message,
  unread: Math.max(0, r.last_seq - r.visitor_read_seq),
  lastActivityAt: r.last_activity_at.toISOString(),
  createdAt: r.created_at.toISOString(),
});

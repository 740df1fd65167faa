import type { Bus } from '@flc/core';
import {
  ConversationStatus,
  ConversationSummary,
  limits,
  MessageFrame,
  type ServerFrameOf,
} from '@flc/protocol';
import { t } from 'elysia';
import { Id, Timestamp } from '../lib/models.ts';

export { ConversationStatus };
export type ConversationStatusValue = typeof ConversationStatus.static;
export type LastMessage = ConversationSummary['lastMessage'];

const Seq = t.Integer({ minimum: 0 });

/** The inbox's view: the socket's `conversation` frame summary, plus what a list needs. */
export const Conversation = t.Composite([
  ConversationSummary,
  t.Object({
    environmentId: Id,
    lastSeq: Seq,
    lastActivityAt: Timestamp,
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
export type MessageResource = typeof Message.static;

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

export interface ConversationRow {
  id: string;
  organization_id: string;
  environment_id: string;
  contact_id: string;
  contact_name: string | null;
  status: ConversationStatusValue;
  assignee_id: string | null;
  last_seq: number;
  last_message: LastMessage;
  last_activity_at: Date;
  /** `last_activity_at` at full (microsecond) precision: the keyset cursor's first half. */
  activity_key: string;
  agent_read_seq: number;
  visitor_read_seq: number;
  created_at: Date;
  updated_at: Date;
}

/** Selected from `conversations c join contacts ct`. */
export const conversationColumns = `c.id, c.organization_id, c.environment_id, c.contact_id,
  ct.name as contact_name, c.status, c.assignee_id, c.last_seq, c.last_message,
  c.last_activity_at,
  to_char(c.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as activity_key,
  c.agent_read_seq,
  c.visitor_read_seq, c.created_at, c.updated_at`;

/** Unread for the team: what came after the last seq an agent read (or wrote). */
export const toSummary = (r: ConversationRow): ConversationSummary => ({
  id: r.id,
  status: r.status,
  assigneeId: r.assignee_id,
  contact: { id: r.contact_id, name: r.contact_name },
  lastMessage: r.last_message,
  unread: Math.max(0, r.last_seq - r.agent_read_seq),
});

export const toConversation = (r: ConversationRow): Conversation => ({
  ...toSummary(r),
  environmentId: r.environment_id,
  lastSeq: r.last_seq,
  lastActivityAt: r.last_activity_at.toISOString(),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const toWidgetConversation = (r: ConversationRow): WidgetConversation => ({
  id: r.id,
  status: r.status,
  lastSeq: r.last_seq,
  lastMessage: r.last_message,
  unread: Math.max(0, r.last_seq - r.visitor_read_seq),
  lastActivityAt: r.last_activity_at.toISOString(),
  createdAt: r.created_at.toISOString(),
});

/** Tells every agent of the organization (their inbox topic) that a conversation changed. */
export function announce(
  bus: Bus,
  event: ServerFrameOf<'conversation'>['event'],
  row: ConversationRow,
): Promise<void> {
  const frame: ServerFrameOf<'conversation'> = {
    t: 'conversation',
    event,
    conversation: toSummary(row),
  };
  return bus.signal(
    { kind: 'organization', organizationId: row.organization_id },
    JSON.stringify(frame),
  );
}

import { type ConversationRow, toConversationResource } from '@flc/core';
import type { Conversation, WidgetConversation } from '@flc/protocol/resources';

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

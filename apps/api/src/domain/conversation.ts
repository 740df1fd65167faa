import { type ConversationRow, toConversationResource } from '@flc/core';
import type { Conversation, WidgetConversation } from '@flc/protocol/resources';

/** The mapping lives in core: webhook events carry the same resource, also from the persister. */
export const toConversation = (r: ConversationRow): Conversation => toConversationResource(r);

/**
 * The visitor's view, without notes: its last seq is its last message's (the read model's last
 * message is never a note), and its unread count skips the notes after its read position.
 */
export function toWidgetConversation(r: ConversationRow): WidgetConversation {
  const lastSeq = r.last_message?.seq ?? 0;
  const read = r.visitor_read_seq;
  const hidden = (r.visitor_hidden_seqs ?? []).filter((s) => s > read && s <= lastSeq).length;
  return {
    id: r.id,
    status: r.status,
    lastSeq,
    lastMessage: r.last_message,
    unread: Math.max(0, lastSeq - read - hidden),
    lastActivityAt: r.last_activity_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  };
}

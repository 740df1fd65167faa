import type { Conversation } from '@flc/protocol/resources';
import type { ConversationRow } from '../conversation-repository.ts';
import { uuidv7 } from '../ids.ts';
import { type LabelRow, toLabel } from '../labels.ts';
import { toSummary } from '../message-service.ts';
import type { WebhookEventInput } from './events.ts';

/**
 * A conversation as the inbox API shows it, and as `conversation.*` webhook events carry it: the
 * inbox's summary and its timestamps.
 */
export type ConversationResource = Conversation;

export const toConversationResource = (r: ConversationRow): ConversationResource => ({
  ...toSummary(r),
  visitorReadSeq: r.visitor_read_seq,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/**
 * `conversation.created` or `.updated`, as the API records it with a change it makes and the
 * message path with a visitor's message that reopens a conversation.
 */
export const conversationEvent = (
  type: 'conversation.created' | 'conversation.updated',
  row: ConversationRow,
): WebhookEventInput => ({
  id: uuidv7(),
  type,
  organizationId: row.organization_id,
  environmentId: row.environment_id,
  subjectId: row.id,
  occurredAt: (type === 'conversation.created' ? row.created_at : row.updated_at).toISOString(),
  data: { conversation: toConversationResource(row) },
});

/**
 * `conversation.labels_changed`: the conversation as it is now (its `labelIds`), and the labels
 * put on and taken off by the change, whole, so a receiver needs no second request to act on a
 * name.
 */
export const labelsChangedEvent = (
  row: ConversationRow,
  change: { added: LabelRow[]; removed: LabelRow[] },
): WebhookEventInput => ({
  id: uuidv7(),
  type: 'conversation.labels_changed',
  organizationId: row.organization_id,
  environmentId: row.environment_id,
  subjectId: row.id,
  occurredAt: row.updated_at.toISOString(),
  data: {
    conversation: toConversationResource(row),
    added: change.added.map(toLabel),
    removed: change.removed.map(toLabel),
  },
});

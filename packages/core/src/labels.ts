import type { Label } from '@flc/protocol/resources';
import type { ConversationRow } from './conversation-repository.ts';

/** A label as its store reads it: one of the organization's own tags. */
export interface LabelRow {
  id: string;
  organization_id: string;
  name: string;
  color: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A label as the REST API shows it, and as `conversation.labels_changed` events carry it. */
export const toLabel = (r: LabelRow): Label => ({
  id: r.id,
  name: r.name,
  color: r.color,
  description: r.description,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** What putting a label on a conversation, or taking it off, did. */
export interface ConversationLabeling {
  /** The conversation as it is now, its `label_ids` included. */
  row: ConversationRow;
  label: LabelRow;
  /** False when the label was already on (or already off): nothing to announce. */
  changed: boolean;
}

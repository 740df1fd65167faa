import type { ConversationSummary } from '@flc/protocol';
import type { Scope } from './actor.ts';

export type ConversationStatusValue = ConversationSummary['status'];
export type LastMessage = ConversationSummary['lastMessage'];
/** Who has read a conversation: its visitor, or the organization's agents together. */
export type ReadSide = 'visitor' | 'agent';

/** A conversation with its contact's name, as the repository reads it. */
export interface ConversationRow {
  id: string;
  organization_id: string;
  environment_id: string;
  contact_id: string;
  contact_name: string | null;
  status: ConversationStatusValue;
  assignee_id: string | null;
  team_id: string | null;
  /** Every seq, notes included: the team's head. */
  last_seq: number;
  /** The newest message that is not a note (what the inbox and the widget show), and its time. */
  last_message: LastMessage;
  last_activity_at: Date;
  /** `last_activity_at` at full (microsecond) precision: the keyset cursor's first half. */
  activity_key: string;
  agent_read_seq: number;
  visitor_read_seq: number;
  /**
   * The seqs of notes after `visitor_read_seq`: the visitor's unread count skips them. Absent
   * from rows that do not come from the database.
   */
  visitor_hidden_seqs?: number[];
  /**
   * When a snoozed conversation wakes up (opens again) by itself; null when not snoozed, or
   * snoozed until the visitor writes. Absent from rows that do not come from the database.
   */
  snoozed_until?: Date | null;
  /** The organization's labels on it, by id, oldest label first. */
  label_ids: string[];
  created_at: Date;
  updated_at: Date;
}

/** A message just appended, as the conversation's read model records it. */
export interface RecordedMessage {
  conversationId: string;
  seq: number;
  /** A note moves the last seq and the team's read position, not the last message. */
  kind?: 'note';
  lastMessage: NonNullable<LastMessage>;
}

/**
 * What one batch of appended messages does to one conversation's read model: the batch's newest
 * message becomes the last one (if newer), each side has read up to its own newest message, and
 * the visitor's newest message reopens a closed or snoozed conversation numbered after its status
 * was set. Applied once, it leaves the row as recording each message in seq order would.
 */
export interface ConversationMove {
  conversationId: string;
  /** The newest seq of the batch, notes included. */
  lastSeq: number;
  /** The newest message of the batch that is not a note, any side; null when all are notes. */
  newest: RecordedMessage | null;
  /** The visitor's newest seq in the batch, if the visitor wrote. */
  visitorSeq: number | null;
  /** The team's (agents', bots') newest seq in the batch, notes included, if the team wrote. */
  teamSeq: number | null;
  /** The seqs of the batch's notes. */
  noteSeqs: number[];
  /**
   * The batch's earliest message of an agent (a person: not a note, a bot or the platform), for
   * the first response time reports read; null when no agent replied in it.
   */
  firstReply: { at: string; agentId: string } | null;
}

/**
 * The conversations' read model, as the append path and the realtime gateway use it. Every read
 * is filtered by a Scope; a conversation outside it throws NotFoundError, also for another
 * tenant's ids. Implementation: PostgreSQL (also PGlite).
 */
export interface ConversationRepository {
  /** The conversation if the scope reaches it, else NotFoundError. */
  get(scope: Scope, id: string): Promise<ConversationRow>;
  /**
   * Moves the read model to a newly appended message, only forward: an older or repeated one
   * answers `null`, so there is nothing new to announce. A visitor's message numbered after the
   * status was last set reopens a closed or snoozed conversation (see MessageRecorder, which
   * also records the webhook event of that); the writer's side has read everything up to its
   * own message.
   */
  recordMessage(message: RecordedMessage): Promise<ConversationRow | null>;
  /**
   * Marks the conversation read up to `seq` by one side; only forward. The caller bounds `seq`
   * by the bus's head (the read model may not have caught up with a message the reader already
   * saw). NotFoundError when the scope does not reach the conversation.
   */
  markRead(scope: Scope, id: string, side: ReadSide, seq: number): Promise<void>;
}

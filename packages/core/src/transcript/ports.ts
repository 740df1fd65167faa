import type { VisitorLocale } from '@flc/protocol';

/** A closed conversation whose transcript is due, with what deciding and writing it needs. */
export interface DueTranscript {
  conversationId: string;
  organizationId: string;
  organizationName: string;
  /** The conversation's status_seq as it was closed: the transcript holds messages up to it. */
  closeSeq: number;
  /** Rounds that already took this row (the messages were not stored yet, or a send failed). */
  attempts: number;
  /** The contact's email as it is now; null when it was removed meanwhile. */
  email: string | null;
  contactName: string | null;
  locale: VisitorLocale | null;
  unsubscribed: boolean;
  /** The environment's email continuity switch (off: nothing is mailed). */
  enabled: boolean;
  /** The environment asks for ratings (its CSAT switch): the mail carries the rating links. */
  csat: boolean;
  /** Message-IDs of the conversation's first and newest reply mails, for threading. */
  firstMessageId: string | null;
  lastMessageId: string | null;
}

/**
 * The durable schedule of transcripts (PostgreSQL): a row per close, made in the close's
 * transaction; claimed with a lease as ReplyMailQueue's rows are.
 */
export interface TranscriptQueue {
  claim(limit: number, leaseMs: number): Promise<DueTranscript[]>;
  /** Sent, or nothing to send: never again for this close. */
  done(conversationId: string, closeSeq: number): Promise<void>;
  /** Not now (messages not stored yet, a failed send): due again in `retryInMs`. */
  later(conversationId: string, closeSeq: number, retryInMs: number): Promise<void>;
}

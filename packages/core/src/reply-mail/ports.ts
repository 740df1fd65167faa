import type { VisitorLocale } from '@flc/protocol';

/** One message as the platform's mailer (`@flc/mail`) sends it; `html`, when given, is the
 * alternative part mail clients show first. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Shown as the sender's name, with `FLC_MAIL_FROM`'s address (an organization's name). */
  fromName?: string;
  /** Where replies go (a visitor's reply to a conversation's signed address). */
  replyTo?: string;
  /** `<id@domain>`: the same on a resend, so mail clients keep one copy. */
  messageId?: string;
  /** The earlier mails of the thread (their Message-IDs), oldest first; the last is replied to. */
  references?: string[];
  /** More headers (`List-Unsubscribe`, …); never addresses or bodies of another message. */
  headers?: Record<string, string>;
}

/** The mailer (SMTP): resolves once the server took the mail, rejects with its refusal. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** A conversation whose replies are due a mail, with what deciding and writing it needs. */
export interface DueReplyMail {
  conversationId: string;
  organizationId: string;
  organizationName: string;
  /** The contact's email as it is now; null when it was removed meanwhile. */
  email: string | null;
  contactName: string | null;
  /** The contact's language (its widget's last boot); null: never said. */
  locale: VisitorLocale | null;
  /** How far the visitor has read (or written) the conversation. */
  visitorReadSeq: number;
  /** The newest reply waiting for a mail, and the newest one a mail already carried. */
  pendingSeq: number;
  mailedSeq: number;
  unsubscribed: boolean;
  /** The environment's email continuity switch (off: nothing is mailed). */
  enabled: boolean;
  /** Message-IDs of the conversation's first and newest mails, for threading. */
  firstMessageId: string | null;
  lastMessageId: string | null;
}

/** What became of a due mail: sent (its Message-ID) or not needed (`messageId` null). */
export interface ReplySent {
  /** The replies up to this seq are done with. */
  mailedSeq: number;
  messageId: string | null;
}

/**
 * The durable schedule of reply mails (PostgreSQL). Several processes may claim at once: each
 * due row goes to one of them for the lease, and to another only once the lease ran out.
 */
export interface ReplyMailQueue {
  /** Up to `limit` due conversations, held for `leaseMs`. */
  claim(limit: number, leaseMs: number): Promise<DueReplyMail[]>;
  /** Done with the claimed row; replies recorded meanwhile make it due again after the delay. */
  finish(conversationId: string, sent: ReplySent): Promise<void>;
  /** The send failed: due again in `retryInMs`, or given up after a few; true when given up. */
  failed(conversationId: string, retryInMs: number): Promise<boolean>;
  /** No more mail about the conversation; false when it does not exist. */
  unsubscribe(conversationId: string): Promise<boolean>;
}

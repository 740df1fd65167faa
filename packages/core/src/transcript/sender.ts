import { errorReporter } from '@flc/log';
import type { AttachmentLinks } from '../attachments/signing.ts';
import type { MessageStore } from '../message-store.ts';
import type { ReplyAddresses } from '../reply-mail/addresses.ts';
import type { MailSender } from '../reply-mail/ports.ts';
import { drainClaims, startRounds } from '../rounds.ts';
import type { RatingLinks } from './links.ts';
import { transcriptMail } from './mail.ts';
import type { DueTranscript, TranscriptQueue } from './ports.ts';

/** The newest messages one transcript carries at most. */
const MAX_MESSAGES = 500;
const LEASE_MS = 120_000;
/** Messages not stored yet (a Redis persister behind): look again shortly. */
const NOT_STORED_RETRY_MS = 2_000;
const RETRY_MS = 5 * 60_000;
/** Rounds before a transcript is given up: its messages never all arrived, or sends failed. */
const MAX_ATTEMPTS = 8;

export interface TranscriptMailerOptions {
  queue: TranscriptQueue;
  messages: Pick<MessageStore, 'range'>;
  mailer: MailSender;
  /** The conversation's Reply-To and unsubscribe token (email continuity's). */
  addresses: ReplyAddresses;
  ratings: RatingLinks;
  /** Attachment links good as long as the rating links. */
  attachments: AttachmentLinks;
  /** `FLC_PUBLIC_URL`'s origin: every link points there. */
  publicOrigin: string;
  everyMs: number;
  batch?: number;
  onError?: (error: unknown) => void;
}

export interface TranscriptMailer {
  /** One round now; answers how many transcripts went out. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Mails a closed conversation's transcript to its contact, once per close: only when the contact
 * still has an email, did not unsubscribe and the environment's email continuity is on; and only
 * once every message up to the close is stored (with Redis the persisters store them a moment
 * later). Any number of processes may run one (claims, see TranscriptQueue). Sent at least once,
 * like the reply mails: the same Message-ID on a resend.
 */
export function startTranscriptMailer(options: TranscriptMailerOptions): TranscriptMailer {
  const batch = options.batch ?? 20;
  const onError = options.onError ?? errorReporter('transcript', 'mailing a transcript failed');
  const origin = options.publicOrigin;

  async function mailOne(due: DueTranscript): Promise<boolean> {
    const { queue } = options;
    if (!due.email || due.unsubscribed || !due.enabled) {
      await queue.done(due.conversationId, due.closeSeq);
      return false;
    }
    const range = await options.messages.range(due.organizationId, due.conversationId, {
      beforeSeq: due.closeSeq + 1,
      limit: MAX_MESSAGES,
    });
    const stored = range.at(-1)?.seq ?? 0;
    if (stored < due.closeSeq && due.attempts + 1 < MAX_ATTEMPTS) {
      await queue.later(due.conversationId, due.closeSeq, NOT_STORED_RETRY_MS);
      return false;
    }
    const messages = range.filter((m) => m.kind !== 'note' && !m.deletedAt);
    if (messages.length === 0) {
      await queue.done(due.conversationId, due.closeSeq);
      return false;
    }
    const ratingToken = options.ratings.token(due.conversationId);
    const unsubscribeToken = options.addresses.unsubscribeToken(due.conversationId);
    const mail = transcriptMail({
      to: due.email,
      locale: due.locale,
      contactName: due.contactName,
      organizationName: due.organizationName,
      messages,
      attachmentUrl: (id) => `${origin}${options.attachments.path(id)}`,
      ratingUrl: due.csat
        ? (score) => `${origin}/v1/email/rating?token=${ratingToken}&score=${score}`
        : null,
      unsubscribeUrl: `${origin}/v1/email/unsubscribe?token=${unsubscribeToken}`,
      messageId: `<transcript.${due.conversationId}.${due.closeSeq}@${options.addresses.domain}>`,
      references: [due.firstMessageId, due.lastMessageId].filter(
        (id, i, all): id is string => id !== null && all.indexOf(id) === i,
      ),
      replyTo: options.addresses.replyTo(due.conversationId),
    });
    try {
      await options.mailer.send(mail);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const gaveUp = due.attempts + 1 >= MAX_ATTEMPTS;
      if (gaveUp) await queue.done(due.conversationId, due.closeSeq);
      else await queue.later(due.conversationId, due.closeSeq, RETRY_MS);
      onError(new Error(`a transcript mail failed${gaveUp ? ' and was given up' : ''}: ${reason}`));
      return false;
    }
    await queue.done(due.conversationId, due.closeSeq);
    return true;
  }

  const round = () => drainClaims((n) => options.queue.claim(n, LEASE_MS), mailOne, batch, onError);

  return startRounds(round, 0, options.everyMs, onError);
}

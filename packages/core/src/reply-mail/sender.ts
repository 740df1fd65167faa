import { errorReporter } from '@flc/log';
import type { Message } from '../message.ts';
import type { MessageStore } from '../message-store.ts';
import { drainClaims, startRounds } from '../rounds.ts';
import type { ReplyAddresses } from './addresses.ts';
import { replyMail } from './mail.ts';
import type { DueReplyMail, MailSender, ReplyMailQueue } from './ports.ts';

/** Replies one mail carries at most (the newest), and messages before them shown for context. */
const MAX_FRESH = 20;
const CONTEXT = 3;
/** How long a sender holds a claimed row: the SMTP timeouts of a few sends fit in it. */
const LEASE_MS = 120_000;
/** A failed send is tried again after this long (a few times, see the queue). */
const RETRY_MS = 5 * 60_000;

export interface ReplyMailerOptions {
  queue: ReplyMailQueue;
  messages: Pick<MessageStore, 'range'>;
  mailer: MailSender;
  addresses: ReplyAddresses;
  /** `FLC_PUBLIC_URL`'s origin: the unsubscribe link points there. */
  publicOrigin: string;
  /** Between the end of one round and the next. */
  everyMs: number;
  /** Due conversations per claim; a round repeats while a claim fills it (default 20). */
  batch?: number;
  onError?: (error: unknown) => void;
}

export interface ReplyMailer {
  /** One round now; answers how many mails went out. */
  tick(): Promise<number>;
  /** No more rounds; resolves once the round in flight is done. */
  stop(): Promise<void>;
}

const fromTeam = (m: Message) => m.sender.type === 'agent' || m.sender.type === 'bot';

/**
 * Mails each conversation's replies its visitor has not seen once their delay is over: one mail
 * with every reply still unseen (read position below them, not in an earlier mail) and a few
 * messages before them. A visitor who read them meanwhile gets nothing, nor one who unsubscribed
 * or has no email any more. Any number of processes may run one against the same database
 * (claims, see ReplyMailQueue). A mail is sent at least once: a sender dying between the SMTP
 * server's answer and recording it makes another send it again, with the same Message-ID.
 */
export function startReplyMailer(options: ReplyMailerOptions): ReplyMailer {
  const batch = options.batch ?? 20;
  const onError = options.onError ?? errorReporter('reply-mail', 'mailing an unseen reply failed');

  async function mailOne(due: DueReplyMail): Promise<boolean> {
    const { queue } = options;
    const seen = Math.max(due.visitorReadSeq, due.mailedSeq);
    // Nothing to mail: the row waits for the next reply.
    const nothing = async () => {
      await queue.finish(due.conversationId, { mailedSeq: due.pendingSeq, messageId: null });
      return false;
    };
    if (!due.email || due.unsubscribed || !due.enabled || seen >= due.pendingSeq) return nothing();
    const range = await options.messages.range(due.organizationId, due.conversationId, {
      beforeSeq: due.pendingSeq + 1,
      limit: MAX_FRESH + CONTEXT + 30,
    });
    const visible = range.filter((m) => m.kind !== 'note' && !m.deletedAt);
    const fresh = visible.filter((m) => m.seq > seen).slice(-MAX_FRESH);
    // Replies deleted meanwhile leave nothing to mail.
    if (!fresh.some(fromTeam)) return nothing();
    const earlier = visible.filter((m) => m.seq <= seen).slice(-CONTEXT);
    const messageId = `<reply.${due.conversationId}.${due.pendingSeq}@${options.addresses.domain}>`;
    const references = [due.firstMessageId, due.lastMessageId].filter(
      (id, i, all): id is string => id !== null && all.indexOf(id) === i,
    );
    const token = options.addresses.unsubscribeToken(due.conversationId);
    const mail = replyMail({
      to: due.email,
      locale: due.locale,
      contactName: due.contactName,
      organizationName: due.organizationName,
      fresh,
      earlier,
      replyTo: options.addresses.replyTo(due.conversationId),
      unsubscribeUrl: `${options.publicOrigin}/v1/email/unsubscribe?token=${token}`,
      messageId,
      references,
    });
    try {
      await options.mailer.send(mail);
    } catch (error) {
      // The server's refusal, never the mail (addresses, bodies).
      const reason = error instanceof Error ? error.message : String(error);
      const gaveUp = await queue.failed(due.conversationId, RETRY_MS);
      onError(new Error(`a reply mail failed${gaveUp ? ' and was given up' : ''}: ${reason}`));
      return false;
    }
    await queue.finish(due.conversationId, { mailedSeq: due.pendingSeq, messageId });
    return true;
  }

  const round = () => drainClaims((n) => options.queue.claim(n, LEASE_MS), mailOne, batch, onError);

  return startRounds(round, 0, options.everyMs, onError);
}

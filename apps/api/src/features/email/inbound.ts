import { createHash } from 'node:crypto';
import type { Actor, MessageService, MessageStore, ReplyAddresses } from '@flc/core';
import { type InboundMail, parseInboundMail, replyText } from '@flc/mail';
import { limits } from '@flc/protocol';
import type { Sql } from '@flc/storage/postgres';
import { ApiError } from '../../lib/errors.ts';
import type { InboundMailResult } from './model.ts';

const refused = (status: number, code: string, message: string) =>
  new ApiError(status, code, message);

/** What a reply may hold: no NUL or other control characters but line breaks and tabs. */
const clean = (text: string) =>
  text
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .toWellFormed()
    .trim();

/** A message's limit; a longer reply is cut, and says so. */
function bounded(text: string): string {
  const max = limits.maxBodyChars;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The idempotency key of a mail: its Message-ID, or its bytes when it has none. */
const cidOf = (mail: InboundMail, raw: Uint8Array) =>
  `mail:${createHash('sha256')
    .update(mail.messageId ?? raw)
    .digest('hex')
    .slice(0, 40)}`;

interface Target {
  organization_id: string;
  contact_id: string;
  email: string | null;
  name: string | null;
}

/**
 * Visitors' replies by mail: the mail's recipient must be a reply address this server signed
 * (so it names its conversation, and cannot be forged or pointed at another one), its sender the
 * contact's email; what the visitor wrote above the quoted history becomes a visitor message
 * through the message path every visitor send takes (stored, live to the agents, webhooked),
 * once per Message-ID.
 */
export class InboundMailService {
  constructor(
    private readonly sql: Sql,
    private readonly messages: MessageService,
    private readonly store: Pick<MessageStore, 'byCid'>,
    private readonly addresses: ReplyAddresses,
  ) {}

  /** `requestId`: the HTTP request that brought the mail, for the logs (none by SMTP). */
  async receive(raw: Uint8Array, requestId?: string): Promise<InboundMailResult> {
    let mail: InboundMail;
    try {
      mail = await parseInboundMail(raw);
    } catch {
      throw refused(422, 'unparsable_mail', 'The body is not a mail (RFC 5322)');
    }
    const conversationId =
      mail.recipients.map((a) => this.addresses.conversationOfAddress(a)).find(Boolean) ?? null;
    if (!conversationId) {
      throw refused(422, 'unknown_recipient', 'No recipient is a reply address of this server');
    }
    const [target] = await this.sql<Target[]>`
      select c.organization_id, c.contact_id, ct.email, ct.name
      from conversations c join contacts ct on ct.id = c.contact_id
      where c.id = ${conversationId}`;
    // Its conversation (or contact) was deleted since: the address names nothing any more.
    if (!target) {
      throw refused(422, 'unknown_recipient', 'No recipient is a reply address of this server');
    }
    if (!target.email || mail.from !== target.email.toLowerCase()) {
      throw refused(
        403,
        'sender_not_allowed',
        "Only the contact's own email address may reply to its conversation",
      );
    }
    if (mail.automatic) return { status: 'ignored', conversationId, seq: null };
    const body = bounded(clean(replyText(mail.text)));
    if (!body) throw refused(422, 'empty_reply', 'The mail holds no reply above the quoted text');
    const cid = cidOf(mail, raw);
    const earlier = await this.store.byCid(target.organization_id, conversationId, cid);
    if (earlier) return { status: 'duplicate', conversationId, seq: earlier.seq };
    const visitor: Actor = {
      type: 'visitor',
      id: target.contact_id,
      organizationId: target.organization_id,
      ...(target.name ? { name: target.name } : {}),
    };
    const { message, duplicate } = await this.messages.append(
      visitor,
      { conversationId, body, cid, requestId },
      { via: 'email' },
    );
    return { status: duplicate ? 'duplicate' : 'appended', conversationId, seq: message.seq };
  }
}

import type { ConversationSummary, ServerFrameOf } from '@flc/protocol';
import { type Actor, scopeOf, senderOf } from './actor.ts';
import type { Bus } from './bus.ts';
import type { ConversationRepository, ConversationRow } from './conversation-repository.ts';
import { uuidv7 } from './ids.ts';
import type { Message } from './message.ts';
import type { MessageStore } from './message-store.ts';

export interface AppendInput {
  conversationId: string;
  body: string;
  /** The sender's idempotency key; a repeated one returns the first message. */
  cid?: string | undefined;
}

export interface HistoryRange {
  afterSeq?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** A message as clients see it: the wire frame's fields, without the organization the bus carries. */
export type MessageResource = Omit<Message, 'organizationId'>;

export function toMessageResource(m: Message): MessageResource {
  const { organizationId: _scope, ...resource } = m;
  return resource;
}

export type ConversationEvent = ServerFrameOf<'conversation'>['event'];

/** The inbox's summary. Unread for the team: what came after the last seq an agent read (or wrote). */
export const toSummary = (r: ConversationRow): ConversationSummary => ({
  id: r.id,
  status: r.status,
  assigneeId: r.assignee_id,
  contact: { id: r.contact_id, name: r.contact_name },
  lastMessage: r.last_message,
  unread: Math.max(0, r.last_seq - r.agent_read_seq),
});

/**
 * Tells every agent of the organization (their inbox topic) that a conversation changed. The
 * frame is serialized once; the bus hands the same string to every subscriber.
 */
export function announce(bus: Bus, event: ConversationEvent, row: ConversationRow): Promise<void> {
  const frame: ServerFrameOf<'conversation'> = {
    t: 'conversation',
    event,
    conversation: toSummary(row),
  };
  return bus.signal(
    { kind: 'organization', organizationId: row.organization_id },
    JSON.stringify(frame),
  );
}

/**
 * The one path a message takes into a conversation, whoever writes it: REST for agents, API keys
 * and visitors, and the realtime gateway's `send`.
 */
export class MessageService {
  constructor(
    private readonly bus: Bus,
    private readonly store: MessageStore,
    private readonly conversations: ConversationRepository,
  ) {}

  /**
   * Checks the actor may write (else NotFoundError), lets the bus give the message its seq and
   * publish it, then writes it through to the store and moves the conversation's read model. The
   * last two are idempotent, so a retried cid also repairs a first attempt that failed after the
   * bus took it. Persistence moves to the persister worker later; the order of steps stays.
   */
  async append(
    actor: Actor,
    input: AppendInput,
  ): Promise<{ message: Message; duplicate: boolean }> {
    const conversation = await this.conversations.get(scopeOf(actor), input.conversationId);
    const { message, duplicate } = await this.bus.append({
      organizationId: conversation.organization_id,
      conversationId: conversation.id,
      cid: input.cid ?? uuidv7(),
      sender: senderOf(actor),
      body: input.body,
    });
    await this.store.insert([message]);
    const moved = await this.conversations.recordMessage({
      conversationId: message.conversationId,
      seq: message.seq,
      lastMessage: {
        seq: message.seq,
        body: message.body,
        sender: message.sender,
        createdAt: message.createdAt,
      },
    });
    // Announced only when the read model moved: a stale or repeated append has nothing new.
    if (moved) await announce(this.bus, 'message', moved);
    return { message, duplicate };
  }

  /**
   * A page of stored history in ascending seq. `hasMore` says whether more messages lie beyond
   * the page in the direction it was read: older ones with `beforeSeq`, newer ones otherwise.
   */
  async history(
    actor: Actor,
    conversationId: string,
    range: HistoryRange,
  ): Promise<{ items: MessageResource[]; hasMore: boolean }> {
    const conversation = await this.conversations.get(scopeOf(actor), conversationId);
    const rows = await this.store.range(conversation.organization_id, conversation.id, {
      afterSeq: range.afterSeq,
      beforeSeq: range.beforeSeq,
      limit: range.limit + 1,
    });
    const hasMore = rows.length > range.limit;
    let page = rows;
    if (hasMore) page = range.beforeSeq === undefined ? rows.slice(0, -1) : rows.slice(1);
    return { items: page.map(toMessageResource), hasMore };
  }
}

import {
  type Ack,
  applyChange,
  type Message,
  type MessageChange,
  newerOf,
  type PendingMessage,
} from '@flc/sdk';

/** A file or image a message carries. */
export type MessageAttachment = NonNullable<Message['attachments']>[number];

/** One line of the chat as the panel shows it. */
export interface TimelineItem {
  /** Stable across the send → ack → echo of one message, so its element is kept. */
  key: string;
  body: string;
  /** Written by this visitor (in this tab or another). */
  mine: boolean;
  /** `sending` until acked; `failed` when the server refused it for good. */
  status: 'sent' | 'sending' | 'failed';
  senderName: string | null;
  seq: number | null;
  createdAt: string;
  /** Its body was changed after it was sent. */
  edited: boolean;
  /** Deleted: it keeps its place, without its body. */
  deleted: boolean;
  /** Until when (epoch ms) the visitor may still edit or delete it; null: never. */
  changeableUntil: number | null;
  /** Its files and images (links are paths on the API); none once deleted. */
  attachments: readonly MessageAttachment[];
  /** The visitor wrote it as a reply by mail (`via: "email"`). */
  viaEmail: boolean;
}

interface Outgoing {
  key: string;
  body: string;
  createdAt: number;
  status: 'sending' | 'failed';
}

const keyOf = (m: Message) => m.cid ?? m.id;

/**
 * The messages of the followed conversation: delivered ones by seq (history pages, the socket,
 * acks, all idempotent), then what this tab is still sending, oldest first.
 */
export class Timeline {
  private readonly bySeq = new Map<number, Message>();
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly deliveredCids = new Set<string>();
  private cache: TimelineItem[] | null = null;
  /** How long after sending the visitor may edit or delete a message (the boot tells). */
  editWindowMs = 0;

  /** Adds delivered messages; a seq already known is replaced (an echo of an ack, a refetch). */
  add(messages: readonly Message[]): void {
    for (const m of messages) {
      const known = this.bySeq.get(m.seq);
      // A page fetched before an edit must not undo it: the newer change wins.
      this.bySeq.set(m.seq, known ? newerOf(known, m) : m);
      if (m.cid === undefined) continue;
      this.deliveredCids.add(m.cid);
      this.outgoing.delete(m.cid);
    }
    this.cache = null;
  }

  /** An edit or a delete heard on the socket; a message not shown yet comes whole later. */
  change(change: MessageChange): void {
    const known = this.bySeq.get(change.seq);
    if (!known) return;
    const changed = applyChange(known, change);
    if (changed === known) return;
    this.bySeq.set(change.seq, changed);
    this.cache = null;
  }

  /** The SDK outbox changed: every pending message of this conversation shows as sending. */
  pending(list: readonly PendingMessage[], conversationId: string): void {
    for (const p of list) {
      if (p.conversationId !== conversationId || this.deliveredCids.has(p.cid)) continue;
      if (this.outgoing.get(p.cid)?.status === 'sending') continue;
      this.outgoing.set(p.cid, {
        key: p.cid,
        body: p.body,
        createdAt: p.createdAt,
        status: 'sending',
      });
    }
    this.cache = null;
  }

  /** A message waiting for something before it can reach the SDK (the conversation to exist). */
  local(key: string, body: string, createdAt: number): void {
    this.outgoing.set(key, { key, body, createdAt, status: 'sending' });
    this.cache = null;
  }

  forget(key: string): Outgoing | undefined {
    const o = this.outgoing.get(key);
    this.outgoing.delete(key);
    this.cache = null;
    return o;
  }

  /** The server took one of ours: it becomes a sent message right away, before its echo. */
  acked(ack: Ack, visitorId: string): void {
    const o = this.outgoing.get(ack.cid);
    if (!o || this.bySeq.has(ack.seq)) return void this.forget(ack.cid);
    this.add([
      {
        id: ack.id,
        conversationId: ack.conversationId,
        seq: ack.seq,
        cid: ack.cid,
        sender: { type: 'visitor', id: visitorId },
        body: o.body,
        createdAt: ack.createdAt,
      },
    ]);
  }

  failed(key: string): void {
    const o = this.outgoing.get(key);
    if (!o) return;
    this.outgoing.set(key, { ...o, status: 'failed' });
    this.cache = null;
  }

  get firstSeq(): number | null {
    let first: number | null = null;
    for (const seq of this.bySeq.keys()) if (first === null || seq < first) first = seq;
    return first;
  }

  get lastSeq(): number {
    let last = 0;
    for (const seq of this.bySeq.keys()) if (seq > last) last = seq;
    return last;
  }

  /** Number of messages still sending or failed. */
  get unsent(): number {
    return this.outgoing.size;
  }

  items(): readonly TimelineItem[] {
    if (this.cache) return this.cache;
    const delivered = [...this.bySeq.values()]
      .sort((a, b) => a.seq - b.seq)
      .map(
        (m): TimelineItem => ({
          key: keyOf(m),
          body: m.body,
          mine: m.sender.type === 'visitor',
          status: 'sent',
          senderName: m.sender.name ?? null,
          seq: m.seq,
          createdAt: m.createdAt,
          edited: m.editedAt !== undefined && m.deletedAt === undefined,
          deleted: m.deletedAt !== undefined,
          changeableUntil:
            m.sender.type === 'visitor' && m.deletedAt === undefined && this.editWindowMs > 0
              ? Date.parse(m.createdAt) + this.editWindowMs
              : null,
          attachments: (m.deletedAt === undefined && m.attachments) || [],
          viaEmail: m.via === 'email',
        }),
      );
    const waiting = [...this.outgoing.values()]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(
        (o): TimelineItem => ({
          key: o.key,
          body: o.body,
          mine: true,
          status: o.status,
          senderName: null,
          seq: null,
          createdAt: new Date(o.createdAt).toISOString(),
          edited: false,
          deleted: false,
          changeableUntil: null,
          attachments: [],
          viaEmail: false,
        }),
      );
    this.cache = [...delivered, ...waiting];
    return this.cache;
  }

  clear(): void {
    this.bySeq.clear();
    this.outgoing.clear();
    this.deliveredCids.clear();
    this.cache = null;
  }
}

import { MAX_BODY_CHARS } from './codes.ts';
import { uuid } from './env.ts';
import type {
  Ack,
  ClientFrame,
  OutboxStorage,
  PendingMessage,
  ServerError,
  Timers,
} from './types.ts';

/** Why a send will never be acked; the server's error code, or `invalid` for a bad body. */
export class SendError extends Error {
  constructor(
    readonly code: ServerError['code'] | 'invalid' | 'discarded',
    message: string,
    readonly cid: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface Sending {
  pending: PendingMessage;
  /** Resolves with the server's ack; rejects with a SendError when it will never come. */
  ack: Promise<Ack>;
}

export interface OutboxOptions {
  send(frame: ClientFrame): boolean;
  changed(pending: readonly PendingMessage[]): void;
  storage: OutboxStorage | undefined;
  timers: Timers;
  /** A sent message without an ack this long is sent again, with the same cid. */
  ackTimeoutMs: number;
  /** Wait before resending after `rate_limited` or `internal`. */
  retryMs: number;
}

/** Errors that mean "not now" rather than "never": the same cid is sent again later. */
const RETRYABLE = new Set<string>(['rate_limited', 'internal']);

/**
 * Messages from `send()` until their ack. Each keeps its cid for life, so a resend after a lost
 * ack or a reconnect is deduplicated by the server and never makes a second message.
 */
export class Outbox {
  private readonly entries = new Map<string, PendingMessage>();
  private readonly waiters = new Map<
    string,
    { resolve: (ack: Ack) => void; reject: (e: SendError) => void }
  >();
  /** When each sent entry is written again if no ack came. */
  private readonly due = new Map<string, number>();
  private timer: unknown;
  private list: readonly PendingMessage[] = [];

  constructor(private readonly o: OutboxOptions) {}

  /** Adds what the host kept from an earlier page; async storage merges when it answers. */
  async restore(): Promise<void> {
    const stored = await this.o.storage?.load();
    let added = false;
    for (const e of stored ?? []) {
      if (typeof e?.cid !== 'string' || this.entries.has(e.cid)) continue;
      if (typeof e.conversationId !== 'string' || typeof e.body !== 'string') continue;
      const createdAt = typeof e.createdAt === 'number' ? e.createdAt : this.o.timers.now();
      // Anything but a note goes as a message: a stored entry never turns private by mistake.
      const { kind: _, attachments: stored, ...entry } = e;
      const kind = e.kind === 'note' ? { kind: e.kind } : {};
      const attachments = attachmentIds(stored);
      this.entries.set(e.cid, {
        ...entry,
        ...kind,
        ...(attachments && { attachments }),
        createdAt,
        status: 'queued',
      });
      added = true;
    }
    if (added) this.changed(false);
  }

  pending(): readonly PendingMessage[] {
    return this.list;
  }

  add(
    conversationId: string,
    body: string,
    kind?: 'note',
    attachments?: readonly string[],
  ): Sending {
    const cid = uuid();
    // Empty text goes only with files: a message of attachments alone.
    const empty = body.length === 0 && !attachments?.length;
    if (empty || body.length > MAX_BODY_CHARS) {
      throw new SendError('invalid', `body must be 1–${MAX_BODY_CHARS} characters`, cid);
    }
    const pending: PendingMessage = {
      cid,
      conversationId,
      body,
      createdAt: this.o.timers.now(),
      status: 'queued',
      ...(kind === 'note' && { kind }),
      ...(attachments?.length && { attachments: [...attachments] }),
    };
    const ack = new Promise<Ack>((resolve, reject) => this.waiters.set(cid, { resolve, reject }));
    // A host that follows `ack` events instead of this promise must not get unhandled rejections.
    ack.catch(() => {});
    this.entries.set(cid, pending);
    this.changed(true);
    this.flush();
    return { pending, ack };
  }

  /** Sends every queued entry, oldest first, while the socket takes them. */
  flush(): void {
    let sent = false;
    for (const e of this.entries.values()) {
      if (e.status !== 'queued') continue;
      if (!this.write(e)) break;
      this.entries.set(e.cid, { ...e, status: 'sent' });
      sent = true;
    }
    if (!sent) return;
    this.arm();
    this.changed(false);
  }

  /** The socket is gone: whatever waits for an ack is sent again on the next session. */
  disconnected(): void {
    this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.due.clear();
    let moved = false;
    for (const e of this.entries.values()) {
      if (e.status === 'sent') {
        this.entries.set(e.cid, { ...e, status: 'queued' });
        moved = true;
      }
    }
    if (moved) this.changed(false);
  }

  /** An ack (or our own message echoed with its cid); true the first time for a pending cid. */
  acked(ack: Ack): boolean {
    if (!this.entries.delete(ack.cid)) return false;
    this.due.delete(ack.cid);
    this.waiters.get(ack.cid)?.resolve(ack);
    this.waiters.delete(ack.cid);
    this.changed(true);
    return true;
  }

  /** An `error` frame answering one of our cids. */
  failed(error: ServerError): void {
    const cid = error.ref;
    if (cid === undefined || !this.entries.has(cid)) return;
    if (RETRYABLE.has(error.code)) {
      this.due.set(cid, this.o.timers.now() + this.o.retryMs);
      this.arm();
      return;
    }
    this.settle(cid, new SendError(error.code, error.message, cid));
  }

  /** Gives up on a pending message; its ack promise rejects with `discarded`. */
  discard(cid: string): boolean {
    if (!this.entries.has(cid)) return false;
    this.settle(cid, new SendError('discarded', 'Discarded before it was acked', cid));
    return true;
  }

  private settle(cid: string, error: SendError): void {
    this.entries.delete(cid);
    this.due.delete(cid);
    this.waiters.get(cid)?.reject(error);
    this.waiters.delete(cid);
    this.changed(true);
  }

  private write(e: PendingMessage): boolean {
    const ok = this.o.send({
      t: 'send',
      cid: e.cid,
      conversationId: e.conversationId,
      body: e.body,
      ...(e.kind === 'note' && { kind: e.kind }),
      ...(e.attachments?.length && { attachments: [...e.attachments] }),
    });
    if (ok) this.due.set(e.cid, this.o.timers.now() + this.o.ackTimeoutMs);
    return ok;
  }

  /** One timer for the earliest resend. */
  private arm(): void {
    this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.due.size === 0) return;
    const next = Math.min(...this.due.values());
    this.timer = this.o.timers.setTimeout(
      () => {
        this.timer = undefined;
        const now = this.o.timers.now();
        for (const [cid, at] of this.due) {
          const e = this.entries.get(cid);
          if (!e) this.due.delete(cid);
          // Not writable means the session ended; the next one flushes everything again.
          else if (at <= now && !this.write(e)) return;
        }
        this.arm();
      },
      Math.max(0, next - this.o.timers.now()),
    );
  }

  private changed(persist: boolean): void {
    this.list = [...this.entries.values()];
    if (persist) this.o.storage?.save(this.list);
    this.o.changed(this.list);
  }
}

/** A stored entry's attachment ids, when they are a list of strings (storage may hold anything). */
function attachmentIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((id) => typeof id === 'string') ? (value as string[]) : undefined;
}

import type { ClientFrame, Timers } from './types.ts';

export interface TypingOptions {
  send(frame: ClientFrame): boolean;
  timers: Timers;
  /** At most one `typing on` per conversation this often. */
  throttleMs: number;
  /** `typing off` follows the last keystroke after this long. */
  idleMs: number;
}

/** Turns keystrokes into few typing frames: `on` at most every throttleMs, `off` when idle. */
export class Typing {
  private readonly active = new Map<string, { sentAt: number; idle: unknown }>();

  constructor(private readonly o: TypingOptions) {}

  keystroke(conversationId: string): void {
    const now = this.o.timers.now();
    const current = this.active.get(conversationId);
    let sentAt = current?.sentAt;
    if (sentAt === undefined || now - sentAt >= this.o.throttleMs) {
      if (!this.o.send({ t: 'typing', conversationId, on: true })) return;
      sentAt = now;
    }
    this.o.timers.clearTimeout(current?.idle);
    const idle = this.o.timers.setTimeout(() => this.stop(conversationId), this.o.idleMs);
    this.active.set(conversationId, { sentAt, idle });
  }

  stop(conversationId: string): void {
    const current = this.active.get(conversationId);
    if (!current) return;
    this.o.timers.clearTimeout(current.idle);
    this.active.delete(conversationId);
    this.o.send({ t: 'typing', conversationId, on: false });
  }

  /** The session ended; the server forgets typing with it. */
  reset(): void {
    for (const { idle } of this.active.values()) this.o.timers.clearTimeout(idle);
    this.active.clear();
  }
}

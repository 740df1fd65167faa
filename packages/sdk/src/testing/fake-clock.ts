import type { Timers } from '../types.ts';

/** Timers on a clock that moves only when a test says so. */
export class FakeClock implements Timers {
  private ms = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  readonly now = (): number => this.ms;

  readonly setTimeout = (run: () => void, ms: number): unknown => {
    const id = ++this.nextId;
    this.timers.set(id, { at: this.ms + Math.max(0, ms), run });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Moves the clock, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      let due: [number, { at: number; run: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) break;
      this.timers.delete(due[0]);
      this.ms = due[1].at;
      due[1].run();
    }
    this.ms = end;
  }

  /** Delays (from now) of the timers still waiting, soonest first. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.ms).sort((a, b) => a - b);
  }
}

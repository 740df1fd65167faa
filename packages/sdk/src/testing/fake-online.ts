import type { OnlineSignal } from '../types.ts';

/** An online signal a test flips. */
export class FakeOnline implements OnlineSignal {
  private readonly listeners = new Set<() => void>();

  constructor(private online = true) {}

  readonly isOnline = (): boolean => this.online;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(online: boolean): void {
    this.online = online;
    for (const listener of [...this.listeners]) listener();
  }

  get listening(): number {
    return this.listeners.size;
  }
}

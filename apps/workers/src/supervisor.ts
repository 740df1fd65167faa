/**
 * The part of the Web Worker API the supervisor uses, as `new Worker(url)` gives it in Bun, Deno
 * and browsers: the supervisor itself runs anywhere.
 */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

/** What a supervised worker posts to its parent. */
export type WorkerEvent<S> =
  /** Connected and working. */
  | { type: 'ready' }
  | { type: 'stats'; stats: S }
  /** It cannot go on (its loop failed beyond repair): the supervisor replaces it. */
  | { type: 'fatal'; error: string }
  /** Answer to `{type:'stop'}`: the work in flight is finished and its connections are closed. */
  | { type: 'stopped' };

/** What the parent posts: `start` (with the worker's configuration) first, `stop` at the end. */
export type WorkerCommand<C> = { type: 'start'; config: C } | { type: 'stop' };

export interface SupervisorOptions<C, S> {
  /** How many workers run side by side. */
  count: number;
  /** A new worker, e.g. `new Worker(new URL('./x.worker.ts', import.meta.url))`. */
  create: (index: number) => WorkerLike;
  /** The configuration posted to worker `index` as its first message, at every (re)start. */
  config: (index: number) => C;
  onStats?: (index: number, stats: S) => void;
  onReady?: (index: number) => void;
  onRestart?: (index: number, reason: string, delayMs: number) => void;
  /** Wait before a restart: full jitter over a ceiling doubling from `baseMs` up to `capMs`. */
  backoff?: { baseMs: number; capMs: number };
  /** A worker up this long after `ready` counts as healthy again: its next restart is quick. */
  stableMs?: number;
  /** How long `stop()` lets a worker finish before it is terminated. */
  stopTimeoutMs?: number;
  random?: () => number;
}

interface Slot {
  index: number;
  worker: WorkerLike | undefined;
  /** Restarts since the worker last stayed up `stableMs`. */
  attempts: number;
  everReady: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the current worker has stopped (answered `stop`, or closed). */
  stopped: (() => void) | undefined;
}

/**
 * Keeps `count` Web Workers running: starts each with its configuration, replaces one that
 * crashes, errs or reports a fatal error (capped exponential backoff with full jitter, so a
 * dependency that is down is not hammered and workers do not come back in lockstep), and stops
 * them gracefully: each finishes the work in flight before it is terminated.
 */
export class Supervisor<C, S> {
  private readonly slots: Slot[];
  private stopping = false;
  private restartCount = 0;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: SupervisorOptions<C, S>) {
    this.slots = Array.from({ length: options.count }, (_, index) => ({
      index,
      worker: undefined,
      attempts: 0,
      everReady: false,
      timer: undefined,
      stopped: undefined,
    }));
  }

  /** Workers replaced since the start. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Workers running now that have reported `ready`. */
  get running(): number {
    return this.slots.filter((s) => s.worker && s.everReady).length;
  }

  start(): void {
    for (const slot of this.slots) this.spawn(slot);
  }

  /** Resolves once every worker has been ready at least once. */
  ready(): Promise<void> {
    if (this.slots.every((s) => s.everReady)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Asks every worker to stop, waits for each (up to `stopTimeoutMs`), then terminates it. */
  async stop(): Promise<void> {
    this.stopping = true;
    const timeout = this.options.stopTimeoutMs ?? 15_000;
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.timer);
        const worker = slot.worker;
        if (!worker) return;
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          slot.stopped = resolve;
          timer = setTimeout(resolve, timeout);
          worker.postMessage({ type: 'stop' } satisfies WorkerCommand<C>);
        });
        clearTimeout(timer);
        worker.terminate();
        slot.worker = undefined;
      }),
    );
  }

  private spawn(slot: Slot): void {
    if (this.stopping) return;
    const worker = this.options.create(slot.index);
    slot.worker = worker;
    const current = () => slot.worker === worker;
    worker.addEventListener('message', (event) => {
      if (!current()) return;
      this.onMessage(slot, (event as MessageEvent<WorkerEvent<S>>).data);
    });
    worker.addEventListener('error', (event) => {
      if (!current()) return;
      // Handled here: a worker's uncaught error must not take the supervising process down.
      event.preventDefault();
      const message = (event as ErrorEvent).message;
      this.replace(slot, `error: ${message || 'uncaught exception'}`);
    });
    worker.addEventListener('close', () => {
      if (!current()) return;
      if (this.stopping) slot.stopped?.();
      else this.replace(slot, 'exited');
    });
    worker.postMessage({
      type: 'start',
      config: this.options.config(slot.index),
    } satisfies WorkerCommand<C>);
  }

  private onMessage(slot: Slot, event: WorkerEvent<S>): void {
    switch (event.type) {
      case 'ready':
        this.markReady(slot);
        break;
      case 'stats':
        this.options.onStats?.(slot.index, event.stats);
        break;
      case 'fatal':
        if (!this.stopping) this.replace(slot, `fatal: ${event.error}`);
        break;
      case 'stopped':
        slot.stopped?.();
        break;
    }
  }

  private markReady(slot: Slot): void {
    slot.everReady = true;
    this.options.onReady?.(slot.index);
    clearTimeout(slot.timer);
    const worker = slot.worker;
    slot.timer = setTimeout(() => {
      if (slot.worker === worker) slot.attempts = 0;
    }, this.options.stableMs ?? 30_000);
    if (this.slots.every((s) => s.everReady)) {
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    }
  }

  private replace(slot: Slot, reason: string): void {
    slot.worker?.terminate();
    slot.worker = undefined;
    clearTimeout(slot.timer);
    if (this.stopping) return;
    const { baseMs, capMs } = this.options.backoff ?? { baseMs: 200, capMs: 30_000 };
    const ceiling = Math.min(capMs, baseMs * 2 ** slot.attempts);
    const delay = Math.round((this.options.random ?? Math.random)() * ceiling);
    slot.attempts += 1;
    this.restartCount += 1;
    this.options.onRestart?.(slot.index, reason, delay);
    slot.timer = setTimeout(() => this.spawn(slot), delay);
  }
}

import type { Registry } from './registry.ts';

/** A store a process cannot work without, and how to ask it whether it answers. */
export interface Dependency {
  /** `postgresql`, `redis`, `mongodb`: the label's value. */
  name: string;
  ping(): Promise<unknown>;
}

export interface DependencyProbeOptions {
  /** How often each dependency is asked (default 5 s). */
  intervalMs?: number;
  /** A ping still unanswered after this long counts as down (default 2 s). */
  timeoutMs?: number;
}

/** A dependency's last ping: whether it answered, and the round trip (the timeout if not). */
export interface DependencyReading {
  up: boolean;
  seconds: number;
}
type Reading = DependencyReading;

/**
 * Asks each dependency whether it answers, every few seconds, through the same client and
 * connection pool the process's own work uses: the round trip includes the wait for a pooled
 * connection or a queued Redis reply, so it grows when the pool is saturated or the server is
 * overloaded, long before requests fail. Exposed as `flc_dependency_up` (1 or 0) and
 * `flc_dependency_ping_seconds` (the last round trip; the timeout when it went unanswered).
 */
export function registerDependencyProbes(
  registry: Registry,
  dependencies: readonly Dependency[],
  options: DependencyProbeOptions = {},
) {
  const intervalMs = options.intervalMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const readings = new Map<string, Reading>();
  let stopped = false;

  const pingOne = async (dependency: Dependency): Promise<void> => {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answered = dependency.ping().then(
      () => true,
      () => false,
    );
    const up = await Promise.race([answered, timedOut]);
    clearTimeout(timer);
    const seconds = up ? (performance.now() - started) / 1000 : timeoutMs / 1000;
    readings.set(dependency.name, { up, seconds });
  };

  /** One round of pings, all at once; resolves when every one answered or timed out. */
  const probe = async (): Promise<void> => {
    await Promise.all(dependencies.map(pingOne));
  };

  const loop = async () => {
    while (!stopped) {
      await probe();
      if (stopped) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        timer.unref?.();
      });
    }
  };

  const series = (pick: (r: Reading) => number) => () =>
    [...readings].map(([dependency, r]) => [{ dependency }, pick(r)] as const);
  registry.gauge(
    'flc_dependency_up',
    'Whether the store answered its last ping (1) or not (0), by dependency.',
    series((r) => (r.up ? 1 : 0)),
  );
  registry.gauge(
    'flc_dependency_ping_seconds',
    "Round trip of the last ping through the process's own pool (a saturated pool or an overloaded server makes it grow); the timeout when unanswered.",
    series((r) => r.seconds),
  );

  if (dependencies.length > 0) void loop();
  return {
    /** Pings now (tests; the loop keeps its own pace). */
    probe,
    /** The last reading of `name` (what `/metrics` shows); none before its first ping ends. */
    reading: (name: string): DependencyReading | undefined => readings.get(name),
    stop(): void {
      stopped = true;
    },
  };
}

import { join } from 'node:path';
import { flag, int, ints, parseFlags, type Setter, seconds, text } from './flags.ts';

export const TARGETS = ['realtime', 'standalone', 'bare', 'socketio'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface BenchOptions {
  targets: TargetName[];
  /** Sockets in all: half visitors, half agents, two to a room. */
  sockets: number;
  /** Messages per second in, across all rooms; one measured phase each. */
  rates: number[];
  /** Seconds each rate is held. */
  duration: number;
  /** Seconds to wait for the last deliveries after a phase; it ends early once all arrived. */
  drain: number;
  /** Seconds of unmeasured traffic before the first phase (JIT, pools, caches). */
  warmup: number;
  /** Load generator processes; each one holds sockets / clients sockets. */
  clients: number;
  /** Upgrades in flight per client process while connecting. */
  connectWindow: number;
  /** Parallel REST requests while seeding the product. */
  seedConcurrency: number;
  /** Keep the product's seeded rooms in load-tests/bench/.cache and reuse them (< 20 h old). */
  seedCache: boolean;
  /** Node targets write a CPU profile (.cpuprofile) into <out>/profiles when they stop. */
  profile: boolean;
  /** Characters of padding in each message body. */
  bodyPadding: number;
  /** Where latest.json and latest.png go. */
  out: string;
}

const defaults: BenchOptions = {
  targets: [...TARGETS],
  sockets: 10_000,
  rates: [1_000, 5_000],
  duration: 10,
  drain: 5,
  warmup: 2,
  clients: 2,
  connectWindow: 250,
  seedConcurrency: 8,
  seedCache: false,
  profile: false,
  bodyPadding: 48,
  out: join(import.meta.dir, '..', 'results'),
};

const usage = `bun run bench [options]   (each option also reads BENCH_<NAME>, e.g. BENCH_SOCKETS)

  --targets a,b        ${TARGETS.join(', ')} (default: all, in this order)
  --sockets N          sockets in all, two to a room (default ${defaults.sockets})
  --rates r1,r2        messages per second, one phase each (default ${defaults.rates.join(',')})
  --duration S         seconds per phase (default ${defaults.duration})
  --drain S            longest wait for late deliveries after a phase (default ${defaults.drain})
  --warmup S           unmeasured traffic before the first phase (default ${defaults.warmup})
  --clients N          load generator processes (default ${defaults.clients})
  --connect-window N   upgrades in flight per client process (default ${defaults.connectWindow})
  --seed-concurrency N parallel REST calls while seeding the product (default ${defaults.seedConcurrency})
  --seed-cache 1       keep the product's seeded rooms in load-tests/bench/.cache and reuse them
                       while their tokens are good (20 h); the seeding time is then not measured
  --profile 1          Node targets (realtime, bare, socketio) write a V8 CPU profile to
                       <out>/profiles (open it in Chrome DevTools or speedscope)
  --body-padding N     padding characters per message body (default ${defaults.bodyPadding})
  --out DIR            results directory (default load-tests/bench/results)
`;

/** Flags win over BENCH_* variables, which win over the defaults; every problem is listed at once. */
export function parseOptions(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions | 'help' {
  return parseFlags(argv, env, {
    defaults,
    setters,
    envPrefix: 'BENCH_',
    usage,
    check: (options) =>
      options.sockets % (2 * options.clients) === 0
        ? []
        : [`--sockets must be a multiple of 2 × clients (${2 * options.clients})`],
  });
}

export function printUsage(): void {
  console.log(usage);
}

const setters = {
  targets: (options, value) => {
    const names = value.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(TARGETS as readonly string[]).includes(n));
    if (unknown.length > 0) return `unknown target ${unknown.join(', ')} (known: ${TARGETS})`;
    options.targets = names as TargetName[];
    return undefined;
  },
  sockets: int('sockets', 2),
  rates: ints('rates'),
  duration: seconds('duration', 0.5),
  drain: seconds('drain', 0.5),
  warmup: seconds('warmup', 0),
  clients: int('clients'),
  'connect-window': int('connectWindow'),
  'seed-concurrency': int('seedConcurrency'),
  'seed-cache': flag('seedCache'),
  profile: flag('profile'),
  'body-padding': int('bodyPadding', 0),
  out: text('out'),
} satisfies Record<string, Setter<BenchOptions>>;

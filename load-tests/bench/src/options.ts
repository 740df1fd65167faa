import { join } from 'node:path';

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

type Env = Record<string, string | undefined>;

/** Flags win over BENCH_* variables, which win over the defaults; every problem is listed at once. */
export function parseOptions(argv: string[], env: Env = process.env): BenchOptions | 'help' {
  const raw = new Map<string, string>();
  for (const key of Object.keys(flagNames)) {
    const fromEnv = env[`BENCH_${key.replaceAll('-', '_').toUpperCase()}`];
    if (fromEnv) raw.set(key, fromEnv);
  }
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const key = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(key in flagNames)) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) problems.push(`${flag} needs a value`);
    else raw.set(key, value);
  }
  const options = { ...defaults };
  for (const [key, value] of raw) {
    const problem = flagNames[key as keyof typeof flagNames](options, value);
    if (problem) problems.push(`--${key}: ${problem}`);
  }
  if (options.sockets % (2 * options.clients) !== 0) {
    problems.push(`--sockets must be a multiple of 2 × clients (${2 * options.clients})`);
  }
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n\n${usage}`);
  return options;
}

export function printUsage(): void {
  console.log(usage);
}

const positive = (value: string, min = 1): number | null => {
  const n = Number(value);
  return Number.isFinite(n) && n >= min ? n : null;
};
const integer = (value: string, min = 1): number | null => {
  const n = positive(value, min);
  return n !== null && Number.isInteger(n) ? n : null;
};

type Setter = (options: BenchOptions, value: string) => string | undefined;
const int =
  (key: keyof BenchOptions, min = 1): Setter =>
  (options, value) => {
    const n = integer(value, min);
    if (n === null) return `expected an integer ≥ ${min}, got "${value}"`;
    Object.assign(options, { [key]: n });
    return undefined;
  };
const seconds =
  (key: keyof BenchOptions, min: number): Setter =>
  (options, value) => {
    const n = positive(value, min);
    if (n === null) return `expected seconds ≥ ${min}, got "${value}"`;
    Object.assign(options, { [key]: n });
    return undefined;
  };

const flag =
  (key: 'seedCache' | 'profile'): Setter =>
  (options, value) => {
    if (!['0', '1', 'true', 'false'].includes(value)) return `expected 1 or 0, got "${value}"`;
    options[key] = value === '1' || value === 'true';
    return undefined;
  };

const flagNames = {
  targets: (options, value) => {
    const names = value.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(TARGETS as readonly string[]).includes(n));
    if (unknown.length > 0) return `unknown target ${unknown.join(', ')} (known: ${TARGETS})`;
    options.targets = names as TargetName[];
    return undefined;
  },
  sockets: int('sockets', 2),
  rates: (options, value) => {
    const rates = value.split(',').map((s) => integer(s.trim()));
    if (rates.some((r) => r === null)) return `expected integers, got "${value}"`;
    options.rates = rates as number[];
    return undefined;
  },
  duration: seconds('duration', 0.5),
  drain: seconds('drain', 0.5),
  warmup: seconds('warmup', 0),
  clients: int('clients'),
  'connect-window': int('connectWindow'),
  'seed-concurrency': int('seedConcurrency'),
  'seed-cache': flag('seedCache'),
  profile: flag('profile'),
  'body-padding': int('bodyPadding', 0),
  out: (options, value) => {
    options.out = value;
    return undefined;
  },
} satisfies Record<string, Setter>;

import { join } from 'node:path';
import { flag, int, ints, parseFlags, type Setter, seconds, text } from './flags.ts';

export const TARGETS = ['realtime', 'standalone', 'bare', 'socketio', 'centrifugo'] as const;
export type TargetName = (typeof TARGETS)[number];
/** The product's targets: the only ones with organizations (and so an inbox). */
export const PRODUCT_TARGETS: TargetName[] = ['realtime', 'standalone'];

export const SCENARIOS = ['all', 'rooms', 'tenant', 'soak', 'search', 'metering'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
/** The tenant scenario's default rates: one large organization's traffic. */
export const TENANT_RATES = [1_000];

export interface BenchOptions {
  targets: TargetName[];
  /**
   * `all` (the default): `rooms` on every chosen target, then `tenant` on the chosen product
   * targets, in one run and one table.
   * `rooms`: two-person rooms, one organization each (send→deliver). `tenant`: one organization,
   * `agents` agent sockets and `visitors` visitors with a conversation each (send→inbox event at
   * every agent socket). The tenant scenario runs on the product's targets only. `soak`: the
   * rooms, and the server's RSS read every 2 s through the phases and `rest` seconds after. `search`: REST
   * search over `messages` messages on the embedded profile (no sockets, no targets).
   * `metering`: the rooms on the product's targets `pairs` times with usage metering off and
   * every `metering` seconds, alternating, compared by their median p99.
   */
  scenario: ScenarioName;
  /** Metering scenario: runs with metering off and on, each. */
  pairs: number;
  /** A run of a comparison (metering off / on): shown after the target's name. */
  variant?: string;
  /** Search scenario: messages seeded into the embedded profile. */
  messages: number;
  /** Search scenario: searches timed (of one word or two; a third as many more of type all). */
  searches: number;
  /** Sockets in all: half visitors, half agents, two to a room (rooms scenario). */
  sockets: number;
  /** Tenant scenario: agent sockets of the one organization, each an agent of its own. */
  agents: number;
  /** Tenant scenario: visitors, each with its own conversation (and socket). */
  visitors: number;
  /** Messages per second in, across all rooms; one measured phase each. */
  rates: number[];
  /** `all`: the tenant scenario's rates (TENANT_RATES, or --rates when they were given). */
  tenantRates: number[];
  /** Seconds each rate is held. */
  duration: number;
  /** Seconds to wait for the last deliveries after a phase; it ends early once all arrived. */
  drain: number;
  /** Soak scenario: seconds the sockets stay idle after the last phase, RSS still read. */
  rest: number;
  /** Seconds of unmeasured traffic before the first phase (JIT, pools, caches). */
  warmup: number;
  /**
   * Seconds the connected sockets stay idle before the server's RSS is read for the RSS per
   * idle socket: a garbage-collected server only gives back what the connect storm left once
   * its collector runs (V8 ~40–50 s after the allocations slow down).
   */
  settle: number;
  /**
   * Rooms and soak: visitors reconnected per second during the measured phases, in turn (closed,
   * opened and subscribed again). Their room sends nothing while one is away.
   */
  churn: number;
  /** Load generator processes; each one holds sockets / clients sockets. */
  clients: number;
  /** Upgrades in flight per client process while connecting. */
  connectWindow: number;
  /** Parallel REST requests while seeding the product. */
  seedConcurrency: number;
  /** Keep the product's seeded rooms in load-tests/bench/.cache and reuse them (< 20 h old). */
  seedCache: boolean;
  /** Node and Bun targets write a CPU profile (.cpuprofile) into <out>/profiles when they stop. */
  profile: boolean;
  /** Characters of padding in each message body. */
  bodyPadding: number;
  /**
   * Seconds between the product's usage metering rounds (`FLC_METERING_INTERVAL` of the
   * standalone process and the workers); 0 turns metering off, to measure what it costs.
   */
  metering: number;
  /** Where latest.json and latest.png go. */
  out: string;
}

const defaults: BenchOptions = {
  targets: [...TARGETS],
  scenario: 'all',
  pairs: 4,
  messages: 100_000,
  searches: 300,
  sockets: 10_000,
  agents: 200,
  visitors: 5_000,
  rates: [1_000, 5_000],
  tenantRates: [...TENANT_RATES],
  duration: 10,
  drain: 5,
  rest: 20,
  warmup: 2,
  settle: 2,
  churn: 0,
  clients: 2,
  connectWindow: 250,
  seedConcurrency: 8,
  seedCache: false,
  profile: false,
  bodyPadding: 48,
  metering: 60,
  out: join(import.meta.dir, '..', 'results'),
};

const usage = `bun run bench [options]   (each option also reads BENCH_<NAME>, e.g. BENCH_SOCKETS)

  --targets a,b        ${TARGETS.join(', ')} (default: all, in this order;
                       with --scenario tenant: ${PRODUCT_TARGETS.join(', ')})
  --scenario S         all: rooms on every target, then tenant on the product's
                       targets, one table (default; tenant at ${TENANT_RATES.join(',')} msg/s
                       unless --rates is given)
                       rooms: two-person rooms, one organization each
                       tenant: one organization, --agents agent sockets, --visitors visitors;
                       measures visitor send → inbox event at every agent socket
                       soak: the rooms, and the server's RSS read every 2 s through the
                       phases and --rest seconds after (start, peak, end of traffic, after rest)
                       search: GET /v1/search over --messages messages on the embedded
                       profile, --searches searches; p50/p95/p99, server CPU, insert cost
                       metering: the rooms on the product's targets (default realtime), --pairs
                       times with usage metering off and every --metering seconds,
                       alternating; compares their median p99 (default rate 1000 msg/s)
  --pairs N            metering: runs with metering off and on, each (default ${defaults.pairs})
  --messages N         search: messages seeded (default ${defaults.messages})
  --searches N         search: searches timed (default ${defaults.searches})
  --sockets N          rooms: sockets in all, two to a room (default ${defaults.sockets})
  --agents N           tenant: agent sockets, each its own agent (default ${defaults.agents})
  --visitors N         tenant: visitors, one conversation each (default ${defaults.visitors})
  --rates r1,r2        messages per second, one phase each (default ${defaults.rates.join(',')};
                       tenant: ${TENANT_RATES.join(',')})
  --duration S         seconds per phase (default ${defaults.duration})
  --drain S            longest wait for late deliveries after a phase (default ${defaults.drain})
  --rest S             soak: idle seconds after the last phase, RSS still read (default ${defaults.rest})
  --warmup S           unmeasured traffic before the first phase (default ${defaults.warmup})
  --settle S           idle seconds after connecting before RSS per idle socket is read
                       (default ${defaults.settle}; 60 lets a garbage-collected server collect)
  --churn N            rooms, soak: visitors reconnected per second during the phases, in turn
                       (their room is quiet while one is away; default ${defaults.churn})
  --clients N          load generator processes (default ${defaults.clients})
  --connect-window N   upgrades in flight per client process (default ${defaults.connectWindow})
  --seed-concurrency N parallel REST calls while seeding the product (default ${defaults.seedConcurrency})
  --seed-cache 1       keep the product's seeded rooms in load-tests/bench/.cache and reuse them
                       while their tokens are good (20 h); the seeding time is then not measured
  --profile 1          the realtime node, the standalone process (Bun), bare and socketio
                       write a CPU profile to <out>/profiles when they stop (open it in
                       Chrome DevTools or speedscope)
  --body-padding N     padding characters per message body (default ${defaults.bodyPadding})
  --metering S         the product's usage metering every S seconds (FLC_METERING_INTERVAL of
                       the standalone and the workers; default ${defaults.metering}); 0: off, to
                       compare a run with metering against one without
  --out DIR            results directory (default load-tests/bench/results)
`;

/** Flags win over BENCH_* variables, which win over the defaults; every problem is listed at once. */
export function parseOptions(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions | 'help' {
  // Whether the targets and rates were chosen: the tenant scenario has defaults of its own.
  const chosenTargets = Boolean(env.BENCH_TARGETS) || argv.some((a) => /^--targets(=|$)/.test(a));
  const chosenRates = Boolean(env.BENCH_RATES) || argv.some((a) => /^--rates(=|$)/.test(a));
  const parsed = parseFlags(argv, env, {
    defaults,
    setters,
    envPrefix: 'BENCH_',
    usage,
    check: (options) => {
      if (options.scenario === 'search') return [];
      if (options.scenario === 'metering' && options.metering === 0) {
        return ['--scenario metering compares metering off with --metering S, S > 0'];
      }
      if (options.scenario !== 'tenant' && options.scenario !== 'metering') {
        return options.sockets % (2 * options.clients) === 0
          ? []
          : [`--sockets must be a multiple of 2 × clients (${2 * options.clients})`];
      }
      const others = chosenTargets
        ? options.targets.filter((t) => !PRODUCT_TARGETS.includes(t))
        : [];
      return others.length > 0
        ? [
            `--scenario ${options.scenario} runs on ${PRODUCT_TARGETS.join(', ')} only, not on ` +
              `${others.join(', ')} (no organizations, so no inbox)`,
          ]
        : [];
    },
  });
  if (parsed !== 'help' && parsed.scenario === 'metering') {
    if (!chosenTargets) parsed.targets = ['realtime'];
    // Below saturation on two cores, where a p99 says something about the path, not the queue.
    if (!chosenRates) parsed.rates = [1_000];
  }
  if (parsed !== 'help' && parsed.scenario === 'tenant') {
    if (!chosenTargets) parsed.targets = [...PRODUCT_TARGETS];
    // One organization: its sends are held to FLC_ORG_SENDS_PER_SECOND (2,000) per node.
    if (!chosenRates) parsed.rates = [...TENANT_RATES];
  }
  if (parsed !== 'help' && chosenRates) parsed.tenantRates = [...parsed.rates];
  return parsed;
}

/**
 * The scenarios one run goes through, each with its own options: `all` is the rooms on every
 * chosen target, then the tenant scenario (at its own rates) on the chosen product targets.
 */
export function scenarioRuns(options: BenchOptions): BenchOptions[] {
  if (options.scenario === 'metering') return meteringRuns(options);
  if (options.scenario !== 'all') return [options];
  const rooms: BenchOptions = { ...options, scenario: 'rooms' };
  const products = options.targets.filter((t) => PRODUCT_TARGETS.includes(t));
  if (products.length === 0) return [rooms];
  return [rooms, { ...options, scenario: 'tenant', targets: products, rates: options.tenantRates }];
}

/** Off, on, off, on…: alternating, so a drift of the machine falls on both sides alike. */
function meteringRuns(options: BenchOptions): BenchOptions[] {
  const rooms: BenchOptions = { ...options, scenario: 'rooms' };
  const every = `metering every ${options.metering} s`;
  return Array.from({ length: options.pairs }, () => [
    { ...rooms, metering: 0, variant: 'metering off' },
    { ...rooms, variant: every },
  ]).flat();
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
  scenario: (options, value) => {
    if (!(SCENARIOS as readonly string[]).includes(value)) {
      return `unknown scenario ${value} (known: ${SCENARIOS.join(', ')})`;
    }
    options.scenario = value as ScenarioName;
    return undefined;
  },
  pairs: int('pairs', 1),
  messages: int('messages', 1_000),
  searches: int('searches', 10),
  sockets: int('sockets', 2),
  agents: int('agents'),
  visitors: int('visitors'),
  rates: ints('rates'),
  duration: seconds('duration', 0.5),
  drain: seconds('drain', 0.5),
  rest: seconds('rest', 0),
  warmup: seconds('warmup', 0),
  settle: seconds('settle', 0),
  churn: int('churn', 0),
  clients: int('clients'),
  'connect-window': int('connectWindow'),
  'seed-concurrency': int('seedConcurrency'),
  'seed-cache': flag('seedCache'),
  profile: flag('profile'),
  'body-padding': int('bodyPadding', 0),
  metering: int('metering', 0),
  out: text('out'),
} satisfies Record<string, Setter<BenchOptions>>;

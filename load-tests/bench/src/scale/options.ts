import { join } from 'node:path';
import { flag, int, ints, parseFlags, type Setter, seconds, text } from '../flags.ts';

export const REDIS_MODES = ['single', 'cluster'] as const;
export type RedisMode = (typeof REDIS_MODES)[number];

/** The gateway's per-socket frame limit (packages/gateway defaultLimits.framesPerSecond). */
const FRAMES_PER_SOCKET_PER_SECOND = 20;

export interface ScaleOptions {
  /** Realtime node counts, one row each: node 1 is loaded, the others idle followers. */
  nodes: number[];
  redis: RedisMode;
  /** Sockets on the loaded node, two to a room (a visitor and an agent). */
  sockets: number;
  /** Sockets on each idle node, two to a room of their own that sees no traffic. */
  idleSockets: number;
  /** Messages per second sent on the loaded node, in all. */
  rate: number;
  /** Seconds of the quiet phase, and of sending in the traffic phase. */
  duration: number;
  /** Longest wait for late deliveries after sending; it ends as soon as all arrived. */
  drain: number;
  /** Seconds of unmeasured traffic on node 1 after connecting. */
  warmup: number;
  /**
   * Seconds every node idles between the warm-up and the quiet phase. Some 15–30 s after a burst
   * of allocation (connecting, the warm-up) a node spends tens of ms in one go, most likely V8's
   * memory-reducing GC; it must be over before the windows start, or it lands in one of them as
   * if messages had caused it.
   */
  settle: number;
  /** Load generator processes for the loaded node's sockets (the idle sockets get one). */
  clients: number;
  connectWindow: number;
  seedConcurrency: number;
  seedCache: boolean;
  bodyPadding: number;
  out: string;
}

const defaults: ScaleOptions = {
  nodes: [1, 2, 4, 8],
  redis: 'single',
  sockets: 300,
  idleSockets: 300,
  rate: 1_000,
  duration: 15,
  drain: 5,
  warmup: 3,
  settle: 30,
  clients: 1,
  connectWindow: 100,
  seedConcurrency: 8,
  seedCache: false,
  bodyPadding: 48,
  out: join(import.meta.dir, '..', '..', 'results'),
};

const usage = `bun run bench:scale [options]   (each option also reads BENCH_SCALE_<NAME>, e.g. BENCH_SCALE_RATE)

For each node count K: PostgreSQL, Redis, one workers process and K realtime nodes. Node 1 holds
the traffic; nodes 2..K hold idle sockets. A quiet phase, then a traffic phase of the same length.

  --nodes 1,2,4,8      realtime node counts, one row each (default ${defaults.nodes.join(',')})
  --redis MODE         single (one redis-server) or cluster (3 masters + 3 replicas)
                       (default ${defaults.redis})
  --sockets N          sockets on the loaded node 1, two to a room (default ${defaults.sockets})
  --idle-sockets N     sockets on each idle node, two to a room (default ${defaults.idleSockets})
  --rate N             messages per second sent on node 1 (default ${defaults.rate})
  --duration S         seconds of the quiet phase and of the traffic phase (default ${defaults.duration})
  --drain S            longest wait for late deliveries after sending (default ${defaults.drain})
  --warmup S           unmeasured traffic on node 1 after connecting (default ${defaults.warmup})
  --settle S           idle time between the warm-up and the quiet phase, for the GC that
                       follows connecting and warming up (default ${defaults.settle})
  --clients N          load generator processes for node 1 (default ${defaults.clients})
  --connect-window N   upgrades in flight per load generator (default ${defaults.connectWindow})
  --seed-concurrency N parallel REST calls while seeding (default ${defaults.seedConcurrency})
  --seed-cache 1       keep the seeded rooms in load-tests/bench/.cache and reuse them (20 h)
  --body-padding N     padding characters per message body (default ${defaults.bodyPadding})
  --out DIR            results directory for latest-scale.json (default load-tests/bench/results)
`;

/** Flags win over BENCH_SCALE_* variables, which win over the defaults. */
export function parseScaleOptions(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): ScaleOptions | 'help' {
  return parseFlags(argv, env, { defaults, setters, envPrefix: 'BENCH_SCALE_', usage, check });
}

export function printScaleUsage(): void {
  console.log(usage);
}

function check(options: ScaleOptions): string[] {
  const problems: string[] = [];
  if (options.sockets % (2 * options.clients) !== 0) {
    problems.push(`--sockets must be a multiple of 2 × clients (${2 * options.clients})`);
  }
  if (options.idleSockets % 2 !== 0) problems.push('--idle-sockets must be even');
  if (options.rate / options.sockets > FRAMES_PER_SOCKET_PER_SECOND / 2) {
    problems.push(
      `--rate over ${FRAMES_PER_SOCKET_PER_SECOND / 2} messages/s per socket of node 1 comes near the ` +
        `gateway's limit of ${FRAMES_PER_SOCKET_PER_SECOND} frames/s per socket: raise --sockets`,
    );
  }
  return problems;
}

const setters = {
  nodes: (options, value) => {
    const problem = ints<ScaleOptions>('nodes')(options, value);
    if (problem) return problem;
    options.nodes = [...new Set(options.nodes)].sort((a, b) => a - b);
    return undefined;
  },
  redis: (options, value) => {
    if (!(REDIS_MODES as readonly string[]).includes(value)) {
      return `expected ${REDIS_MODES.join(' or ')}, got "${value}"`;
    }
    options.redis = value as RedisMode;
    return undefined;
  },
  sockets: int('sockets', 2),
  'idle-sockets': int('idleSockets', 2),
  rate: int('rate'),
  duration: seconds('duration', 1),
  drain: seconds('drain', 0.5),
  warmup: seconds('warmup', 0),
  settle: seconds('settle', 0),
  clients: int('clients'),
  'connect-window': int('connectWindow'),
  'seed-concurrency': int('seedConcurrency'),
  'seed-cache': flag('seedCache'),
  'body-padding': int('bodyPadding', 0),
  out: text('out'),
} satisfies Record<string, Setter<ScaleOptions>>;

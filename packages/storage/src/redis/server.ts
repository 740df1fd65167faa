export { addressOf, type NodeAddress, parseAddress } from './address.ts';

import { tracingEnabled } from '@flc/telemetry';
import { Cluster, type RedisOptions as IoRedisOptions, Redis } from 'ioredis';
import type { NodeAddress } from './address.ts';
import { defaultLayout, type KeyLayout } from './layout.ts';
import { defineScripts, type ScriptCommands } from './scripts.ts';
import { traceRedis } from './tracing.ts';

/**
 * Which Redis to use, as plain data (it is posted to Web Workers): one server by URL, or a Redis
 * Cluster by some of its nodes (`host:port` or `redis://[user:password@]host:port`; the rest are
 * discovered). Credentials and TLS (`rediss://`) of the first node apply to all of them.
 */
export type RedisServer = { url: string } | { clusterNodes: string[] };

export interface RedisSettings {
  server: RedisServer;
  /** Namespace of every key (`FLC_REDIS_PREFIX`). */
  prefix?: string;
  /** Conversation and organization partitions (`FLC_REDIS_PARTITIONS`); all processes agree. */
  partitions?: number;
  /**
   * Replicas that must hold an append before it is acknowledged (`WAIT`); 0 acknowledges once the
   * master has it (`FLC_REDIS_ACK_REPLICAS`).
   */
  ackReplicas?: number;
  /** How long an append waits for those replicas before it fails (`FLC_REDIS_ACK_TIMEOUT_MS`). */
  ackTimeoutMs?: number;
}

/**
 * A connection for commands: one server, or a cluster that routes each command by its slot; with
 * the platform's scripts defined.
 */
export type RedisCommands = (Redis | Cluster) & ScriptCommands;

/**
 * The connections and settings the Redis adapters of one process share: one auto-pipelined
 * command connection (per cluster node), the key layout, the ack policy. Adapters open what
 * they need besides (subscriber links, blocking readers) through `connect`.
 */
export interface RedisContext {
  readonly server: RedisServer;
  readonly layout: KeyLayout;
  readonly ack: { replicas: number; timeoutMs: number };
  readonly cluster: boolean;
  readonly commands: RedisCommands;
  /** A plain connection of its own: to `node` of the cluster, or to the one server. */
  connect(name: string, node?: NodeAddress, options?: IoRedisOptions): Redis;
  /** The master serving each slot (`host:port`, 16,384 entries); one server serves them all. */
  slotMasters(): Promise<string[]>;
  /**
   * Runs `command` again when a cluster answered that it did not run it there (a slot that moved,
   * a failover in progress), once the client has learned where the slot is now. Commands in a
   * batch of several slots are not redirected by the client itself.
   */
  redirected<T>(command: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Node addresses and the connection options they share, from `clusterNodes`. */
export function clusterSeeds(nodes: string[]): { seeds: NodeAddress[]; options: IoRedisOptions } {
  const urls = nodes.map((node) => new URL(node.includes('://') ? node : `redis://${node}`));
  const first = urls[0];
  const options: IoRedisOptions = {};
  if (first?.username) options.username = decodeURIComponent(first.username);
  if (first?.password) options.password = decodeURIComponent(first.password);
  if (first?.protocol === 'rediss:') options.tls = {};
  return {
    seeds: urls.map((u) => ({ host: u.hostname, port: Number(u.port || 6379) })),
    options,
  };
}

export function openRedis(settings: RedisSettings, name = 'flc'): RedisContext {
  const layout: KeyLayout = {
    prefix: settings.prefix ?? defaultLayout.prefix,
    partitions: settings.partitions ?? defaultLayout.partitions,
  };
  const ack = { replicas: settings.ackReplicas ?? 0, timeoutMs: settings.ackTimeoutMs ?? 1_000 };
  const { server } = settings;
  const connectionName = (suffix: string) => `${layout.prefix}:${name}:${suffix}`;
  if ('url' in server) {
    // Auto-pipelining sends the commands issued in one tick as one write: many concurrent
    // appends cost one round trip, not one each.
    const commands = new Redis(server.url, {
      connectionName: connectionName('commands'),
      enableAutoPipelining: true,
    }) as Redis & ScriptCommands;
    defineScripts(commands);
    return {
      server,
      layout,
      ack,
      cluster: false,
      commands: traceable(commands),
      connect: (suffix, _node, extra) =>
        new Redis(server.url, { ...extra, connectionName: connectionName(suffix) }),
      async slotMasters() {
        const { host, port } = commands.options;
        return new Array<string>(16_384).fill(`${host}:${port}`);
      },
      redirected: (command) => command(),
      close: () => quit(commands),
    };
  }
  const { seeds, options } = clusterSeeds(server.clusterNodes);
  const commands = new Cluster(seeds, {
    enableAutoPipelining: true,
    redisOptions: { ...options, connectionName: connectionName('commands') },
    // Reads go to masters too: a replica may lag behind the append it is asked about.
    scaleReads: 'master',
    // Commands batched for one node (auto-pipelining) are not redirected when their slots moved
    // (a failover): the map is read again now and then, and at once by `redirected`.
    slotsRefreshInterval: SLOTS_REFRESH_MS,
  }) as Cluster & ScriptCommands;
  defineScripts(commands);
  return {
    server,
    layout,
    ack,
    cluster: true,
    commands: traceable(commands),
    connect: (suffix, node, extra) =>
      new Redis({
        ...options,
        ...extra,
        ...(node ?? seeds[0]),
        connectionName: connectionName(suffix),
      }),
    async slotMasters() {
      const masters = new Array<string>(16_384);
      for (const [from, to, master] of await commands.cluster('SLOTS')) {
        if (master) masters.fill(`${master[0]}:${master[1]}`, from, to + 1);
      }
      return masters;
    },
    async redirected(command) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await command();
        } catch (error) {
          const reply = error instanceof Error ? error.message : '';
          if (attempt >= REDIRECT_ATTEMPTS || !REDIRECT.test(reply)) throw error;
          // A moved slot is asked for at once; the node asked next may not know the move yet,
          // and a failover takes a moment: later attempts wait a little longer each.
          if (attempt > 1 || !reply.startsWith('MOVED')) {
            await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          }
          await new Promise<void>((resolve) => commands.refreshSlotsCache(() => resolve()));
        }
      }
    },
    close: () => quit(commands),
  };
}

/** With tracing on, a span per command (see tracing.ts); off, the client as it is. */
const traceable = <C extends RedisCommands>(commands: C): C =>
  tracingEnabled() ? traceRedis(commands) : commands;

/** Replies of a cluster node that did not run a command, which can then be sent again. */
const REDIRECT = /^(MOVED|ASK|CLUSTERDOWN|TRYAGAIN) /;
const REDIRECT_ATTEMPTS = 6;
const SLOTS_REFRESH_MS = 2_000;

/** QUIT lets replies in flight arrive; a connection that is down has nothing to wait for. */
export async function quit(connection: RedisCommands): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
  else connection.disconnect();
}

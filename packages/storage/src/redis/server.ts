import { Cluster, type RedisOptions as IoRedisOptions, Redis } from 'ioredis';
import { defaultLayout, type KeyLayout } from './layout.ts';
import { defineScripts, type ScriptCommands } from './scripts.ts';

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

export interface NodeAddress {
  host: string;
  port: number;
}

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
  close(): Promise<void>;
}

export const addressOf = ({ host, port }: NodeAddress): string => `${host}:${port}`;

export function parseAddress(address: string): NodeAddress {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
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
      commands,
      connect: (suffix, _node, extra) =>
        new Redis(server.url, { ...extra, connectionName: connectionName(suffix) }),
      async slotMasters() {
        const { host, port } = commands.options;
        return new Array<string>(16_384).fill(`${host}:${port}`);
      },
      close: () => quit(commands),
    };
  }
  const { seeds, options } = clusterSeeds(server.clusterNodes);
  const commands = new Cluster(seeds, {
    enableAutoPipelining: true,
    redisOptions: { ...options, connectionName: connectionName('commands') },
    // Reads go to masters too: a replica may lag behind the append it is asked about.
    scaleReads: 'master',
  }) as Cluster & ScriptCommands;
  defineScripts(commands);
  return {
    server,
    layout,
    ack,
    cluster: true,
    commands,
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
    close: () => quit(commands),
  };
}

/** QUIT lets replies in flight arrive; a connection that is down has nothing to wait for. */
export async function quit(connection: RedisCommands): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
  else connection.disconnect();
}

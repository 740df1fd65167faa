import type { Redis } from 'ioredis';
import { cpuSeconds, machineCpuMeter, treeCpu, treeCpuSince } from '../proc-stats.ts';
import { connectTo, type RedisServer } from './services.ts';

/** What a realtime node's `/metrics` says at one instant. */
export interface NodeReading {
  /** `process_cpu_seconds_total`: user + system, every thread of the process. */
  cpu: number;
  /** `flc_bus_received_total`: messages and signals Redis delivered to the node. */
  received: number;
  sockets: number;
  topics: number;
}

/** One Redis server at one instant: `INFO cpu` and `INFO commandstats`. */
interface RedisReading {
  cpu: number;
  calls: Map<string, { calls: number; usec: number }>;
}

interface Reading {
  at: number;
  nodes: NodeReading[];
  workersCpu: number;
  postgresCpu: Map<number, number>;
  redis: RedisReading[];
}

/** One command's share of a window, over every master. */
export interface CommandUse {
  command: string;
  calls: number;
  usec: number;
}

/** What each process used between two readings. */
export interface Usage {
  seconds: number;
  /** Per realtime node, node 1 first: CPU seconds and bus events received. */
  nodes: { cpu: number; received: number; sockets: number; topics: number }[];
  workersCpu: number;
  postgresCpu: number;
  /** CPU seconds of the Redis masters (all of them on a cluster), and of the replicas. */
  redisCpu: number;
  replicasCpu: number;
  /** Commands the masters ran (those inside scripts too), busiest first; the bench's own INFO left out. */
  commands: CommandUse[];
  /** The whole machine's busy share, percent of all cores. */
  machineCpu: number | null;
}

/** The processes of one node count, read all at once at the edges of a phase. */
export interface Processes {
  /** Base URLs (`http://127.0.0.1:port`) of the realtime nodes, node 1 first. */
  nodes: string[];
  workersPid: number;
  postgresPid: number | null;
}

/**
 * Reads every process of a run at the start and end of a window. Redis is read over connections
 * opened once, so the window sees no connection set-up of the bench's own.
 */
export class Meter {
  private constructor(
    private readonly processes: Processes,
    private readonly servers: RedisServer[],
    private readonly connections: Redis[],
  ) {}

  static async open(processes: Processes, servers: RedisServer[]): Promise<Meter> {
    const connections = servers.map((s) => connectTo(s.address, 'bench:stats'));
    await Promise.all(connections.map((c) => c.connect()));
    const meter = new Meter(processes, servers, connections);
    // A node's first `/metrics` request costs it more than the later ones (its first HTTP
    // request, code compiled on first use): made here, not at the start of the first window.
    await meter.read();
    return meter;
  }

  /** Starts a window; the returned function ends it and answers what was used meanwhile. */
  async start(): Promise<() => Promise<Usage>> {
    const machine = machineCpuMeter();
    const start = await this.read();
    return async () => {
      const end = await this.read();
      return { ...usage(start, end, this.servers), machineCpu: machine() };
    };
  }

  close(): void {
    for (const connection of this.connections) connection.disconnect();
  }

  private async read(): Promise<Reading> {
    const [nodes, redis] = await Promise.all([
      Promise.all(this.processes.nodes.map(readNode)),
      Promise.all(this.connections.map(readRedis)),
    ]);
    const { postgresPid } = this.processes;
    return {
      at: performance.now(),
      nodes,
      workersCpu: cpuSeconds(this.processes.workersPid),
      postgresCpu: postgresPid === null ? new Map() : treeCpu(postgresPid),
      redis,
    };
  }
}

function usage(start: Reading, end: Reading, servers: RedisServer[]): Omit<Usage, 'machineCpu'> {
  const commands = new Map<string, CommandUse>();
  let redisCpu = 0;
  let replicasCpu = 0;
  for (const [i, server] of servers.entries()) {
    const [a, b] = [start.redis[i], end.redis[i]];
    if (!a || !b) continue;
    if (server.role === 'replica') {
      replicasCpu += b.cpu - a.cpu;
      continue;
    }
    redisCpu += b.cpu - a.cpu;
    for (const [command, now] of b.calls) {
      if (command === 'info') continue; // the bench's own readings
      const before = a.calls.get(command) ?? { calls: 0, usec: 0 };
      const use = commands.get(command) ?? { command, calls: 0, usec: 0 };
      use.calls += now.calls - before.calls;
      use.usec += now.usec - before.usec;
      commands.set(command, use);
    }
  }
  return {
    seconds: (end.at - start.at) / 1000,
    nodes: end.nodes.map((b, i) => {
      const a = start.nodes[i] as NodeReading;
      return {
        cpu: b.cpu - a.cpu,
        received: b.received - a.received,
        sockets: b.sockets,
        topics: b.topics,
      };
    }),
    workersCpu: end.workersCpu - start.workersCpu,
    postgresCpu: treeCpuSince(start.postgresCpu, end.postgresCpu),
    redisCpu,
    replicasCpu,
    commands: [...commands.values()].filter((c) => c.calls > 0).sort((x, y) => y.usec - x.usec),
  };
}

/** The node's gauges and counters from its `/metrics` (Prometheus text). */
async function readNode(base: string): Promise<NodeReading> {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) throw new Error(`GET ${base}/metrics → ${res.status}`);
  const values = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#') || !line) continue;
    const [name = '', value = ''] = line.split(' ');
    values.set(name, Number(value));
  }
  const get = (name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new Error(`${base}/metrics has no ${name}`);
    return value;
  };
  return {
    cpu: get('process_cpu_seconds_total'),
    received: get('flc_bus_received_total'),
    sockets: get('flc_sockets'),
    topics: get('flc_bus_topics'),
  };
}

async function readRedis(connection: Redis): Promise<RedisReading> {
  const info = String(await connection.call('INFO', 'cpu', 'commandstats'));
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  const calls = new Map<string, { calls: number; usec: number }>();
  for (const [, command = '', n, usec] of info.matchAll(
    /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm,
  )) {
    calls.set(command, { calls: Number(n), usec: Number(usec) });
  }
  return { cpu: field('used_cpu_user') + field('used_cpu_sys'), calls };
}

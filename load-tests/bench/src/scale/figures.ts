import type { CommandUse, Usage } from './readings.ts';
import type { NodeCountRun } from './run.ts';

/** An idle node's part of the traffic phase. */
export interface IdleNodeFigures {
  node: number;
  sockets: number;
  topics: number;
  /** CPU beyond its quiet-phase rate over the traffic window, ms. */
  extraCpuMs: number;
  /** That per message sent on node 1, µs. */
  cpuPerForeignMessageUs: number;
  /** Bus events Redis delivered to it during the traffic window, and the quiet one. */
  received: number;
  receivedQuiet: number;
}

/** The figures of one node count: every CPU figure net of the process's quiet-phase rate. */
export interface ScaleRow {
  nodes: number;
  sockets: number;
  rate: number;
  achievedRate: number | null;
  delivered: number;
  expected: number;
  lost: number;
  p50: number | null;
  p99: number | null;
  /** Node 1's CPU per delivered message, µs; and its CPU share of one core in each phase. */
  loadedCpuPerMessageUs: number | null;
  loadedCpuQuietPct: number | null;
  loadedCpuTrafficPct: number | null;
  /** Node 1's bus events (its conversations' channel copies and inbox events). */
  loadedReceived: number | null;
  idle: IdleNodeFigures[];
  /** Mean over the idle nodes of their CPU per foreign message, µs, and as a share of node 1's. */
  idleCpuPerMessageUs: number | null;
  idleSharePct: number | null;
  /** Bus events delivered to all idle nodes together during the traffic window (should be 0). */
  idleReceived: number | null;
  /** Commands the Redis masters ran per message sent (inside scripts too), net of the quiet rate. */
  redisCommandsPerMessage: number | null;
  /** CPU of the Redis masters per message, µs; of the replicas besides (cluster only). */
  redisCpuPerMessageUs: number | null;
  redisReplicasCpuPerMessageUs: number | null;
  /** Background Redis commands per second in the quiet phase (heartbeats, leases, idle readers). */
  redisQuietCommandsPerSecond: number | null;
  /** Per command: calls and server µs per message, busiest first. */
  redisCommands: { command: string; perMessage: number; usecPerMessage: number }[];
  workersCpuPerMessageUs: number | null;
  postgresCpuPerMessageUs: number | null;
  /** The whole machine's busy share in the quiet and traffic phases, percent of all cores. */
  machineQuietPct: number | null;
  machineTrafficPct: number | null;
  error?: string;
}

/**
 * What a process used in the traffic window beyond what it uses anyway: its quiet-phase rate
 * (timers, heartbeats, idle reads) times the traffic window's length is taken off.
 */
export const beyondQuiet = (
  busy: number,
  busySeconds: number,
  quiet: number,
  quietSeconds: number,
) => busy - (quiet / quietSeconds) * busySeconds;

export function figuresOf(run: NodeCountRun, rate: number): ScaleRow {
  const { quiet, busy, traffic } = run;
  const empty: ScaleRow = {
    nodes: run.nodes,
    sockets: run.sockets.loaded + run.sockets.idle,
    rate,
    achievedRate: null,
    delivered: 0,
    expected: 0,
    lost: 0,
    p50: null,
    p99: null,
    loadedCpuPerMessageUs: null,
    loadedCpuQuietPct: null,
    loadedCpuTrafficPct: null,
    loadedReceived: null,
    idle: [],
    idleCpuPerMessageUs: null,
    idleSharePct: null,
    idleReceived: null,
    redisCommandsPerMessage: null,
    redisCpuPerMessageUs: null,
    redisReplicasCpuPerMessageUs: null,
    redisQuietCommandsPerSecond: null,
    redisCommands: [],
    workersCpuPerMessageUs: null,
    postgresCpuPerMessageUs: null,
    machineQuietPct: null,
    machineTrafficPct: null,
    ...(run.error ? { error: run.error } : {}),
  };
  if (!quiet || !busy || !traffic || traffic.sent === 0) return empty;
  const sent = traffic.sent;
  const extra = (of: (u: Usage) => number) =>
    beyondQuiet(of(busy), busy.seconds, of(quiet), quiet.seconds);
  const perMessageUs = (cpuSeconds: number, messages: number) =>
    messages > 0 ? (cpuSeconds * 1e6) / messages : null;

  const loadedCpu = perMessageUs(
    extra((u) => u.nodes[0]?.cpu ?? 0),
    traffic.delivered,
  );
  const idle = busy.nodes.slice(1).map((node, i): IdleNodeFigures => {
    const cpu = extra((u) => u.nodes[i + 1]?.cpu ?? 0);
    return {
      node: i + 2,
      sockets: node.sockets,
      topics: node.topics,
      extraCpuMs: cpu * 1000,
      cpuPerForeignMessageUs: (cpu * 1e6) / sent,
      received: node.received,
      receivedQuiet: quiet.nodes[i + 1]?.received ?? 0,
    };
  });
  const idleMean =
    idle.length > 0 ? idle.reduce((n, f) => n + f.cpuPerForeignMessageUs, 0) / idle.length : null;
  const commands = netCommands(busy, quiet);
  const pct = (cpu: number, seconds: number) => (cpu / seconds) * 100;
  return {
    ...empty,
    achievedRate: traffic.achievedRate,
    delivered: traffic.delivered,
    expected: traffic.expected,
    lost: traffic.lost,
    p50: finite(traffic.p50),
    p99: finite(traffic.p99),
    loadedCpuPerMessageUs: loadedCpu,
    loadedCpuQuietPct: pct(quiet.nodes[0]?.cpu ?? 0, quiet.seconds),
    loadedCpuTrafficPct: pct(busy.nodes[0]?.cpu ?? 0, busy.seconds),
    loadedReceived: busy.nodes[0]?.received ?? null,
    idle,
    idleCpuPerMessageUs: idleMean,
    idleSharePct: idleMean !== null && loadedCpu ? (idleMean / loadedCpu) * 100 : null,
    idleReceived: idle.length > 0 ? idle.reduce((n, f) => n + f.received, 0) : null,
    redisCommandsPerMessage: commands.reduce((n, c) => n + c.calls, 0) / sent,
    redisCpuPerMessageUs: perMessageUs(
      extra((u) => u.redisCpu),
      sent,
    ),
    redisReplicasCpuPerMessageUs:
      quiet.replicasCpu > 0 || busy.replicasCpu > 0
        ? perMessageUs(
            extra((u) => u.replicasCpu),
            sent,
          )
        : null,
    redisQuietCommandsPerSecond: quiet.commands.reduce((n, c) => n + c.calls, 0) / quiet.seconds,
    redisCommands: commands.map((c) => ({
      command: c.command,
      perMessage: c.calls / sent,
      usecPerMessage: c.usec / sent,
    })),
    workersCpuPerMessageUs: perMessageUs(
      extra((u) => u.workersCpu),
      sent,
    ),
    postgresCpuPerMessageUs: perMessageUs(
      extra((u) => u.postgresCpu),
      sent,
    ),
    machineQuietPct: quiet.machineCpu,
    machineTrafficPct: busy.machineCpu,
  };
}

/** The traffic window's commands beyond the quiet rate, per command, busiest first. */
function netCommands(busy: Usage, quiet: Usage): CommandUse[] {
  const inBusy = new Map(busy.commands.map((c) => [c.command, c]));
  const inQuiet = new Map(quiet.commands.map((c) => [c.command, c]));
  return [...new Set([...inBusy.keys(), ...inQuiet.keys()])]
    .map((command) => {
      const [b, q] = [inBusy.get(command), inQuiet.get(command)];
      return {
        command,
        calls: beyondQuiet(b?.calls ?? 0, busy.seconds, q?.calls ?? 0, quiet.seconds),
        usec: beyondQuiet(b?.usec ?? 0, busy.seconds, q?.usec ?? 0, quiet.seconds),
      };
    })
    .sort((a, b) => b.usec - a.usec);
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

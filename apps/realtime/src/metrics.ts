import type { TopicStats } from '@flc/storage/bus';

interface Gauge {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  value: number;
}

/**
 * The node's `/metrics` (Prometheus text): its sockets, and what its bus received. A node
 * receives only the topics its sockets follow, so `flc_bus_received_total` grows with this node's
 * own traffic and not with the rest of the platform's; `flc_bus_filled_total` and
 * `flc_bus_resets_total` count what was recovered after a lost Redis link or a failover.
 */
export function renderNodeMetrics(
  sockets: number,
  bus: TopicStats = { received: 0, filled: 0, resets: 0, topics: 0 },
): string {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const gauges: Gauge[] = [
    {
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes.',
      type: 'gauge',
      value: memory.rss,
    },
    {
      name: 'process_cpu_seconds_total',
      help: 'User and system CPU time spent, in seconds.',
      type: 'counter',
      value: (cpu.user + cpu.system) / 1e6,
    },
    { name: 'flc_sockets', help: 'WebSockets open on this node.', type: 'gauge', value: sockets },
    {
      name: 'flc_bus_topics',
      help: 'Topics (conversations, inboxes) followed on this node.',
      type: 'gauge',
      value: bus.topics,
    },
    {
      name: 'flc_bus_received_total',
      help: 'Messages and signals Redis delivered to this node.',
      type: 'counter',
      value: bus.received,
    },
    {
      name: 'flc_bus_filled_total',
      help: 'Messages recovered from the partition streams to fill a gap.',
      type: 'counter',
      value: bus.filled,
    },
    {
      name: 'flc_bus_resets_total',
      help: 'Topics whose followers had to catch up from the store.',
      type: 'counter',
      value: bus.resets,
    },
  ];
  return gauges
    .map((g) => `# HELP ${g.name} ${g.help}\n# TYPE ${g.name} ${g.type}\n${g.name} ${g.value}\n`)
    .join('');
}

import type { GatewayMetrics } from '@flc/gateway';
import {
  type Dependency,
  Registry,
  registerDependencyProbes,
  registerProcessMetrics,
  registerTenantMetrics,
  type TenantCounts,
} from '@flc/metrics';
import type { TopicStats } from '@flc/storage/bus';

/**
 * The node's `/metrics` (Prometheus text): the process's health, its sockets and frames, the
 * append latency its clients see, and what its bus received. A node receives only the topics
 * its sockets follow, so `flc_bus_received_total` grows with this node's own traffic and not
 * with the rest of the platform's; `flc_bus_filled_total` and `flc_bus_resets_total` count what
 * was recovered after a lost Redis link or a failover.
 */
export function nodeMetrics(
  sockets: () => number,
  bus: () => TopicStats | undefined,
  dependencies: readonly Dependency[] = [],
  tenants?: { counts: TenantCounts; sockets: () => Record<string, number> },
) {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const probes = registerDependencyProbes(registry, dependencies);
  if (tenants) registerTenantMetrics(registry, tenants.counts, tenants.sockets);
  const stats = () => bus() ?? { received: 0, filled: 0, resets: 0, topics: 0 };
  registry.gauge('flc_sockets', 'WebSockets open on this node.', sockets);
  registry.gauge(
    'flc_bus_topics',
    'Topics (conversations, inboxes) followed on this node.',
    () => stats().topics,
  );
  registry.collectedCounter(
    'flc_bus_received_total',
    'Messages and signals Redis delivered to this node.',
    () => stats().received,
  );
  registry.collectedCounter(
    'flc_bus_filled_total',
    'Messages recovered from the partition streams to fill a gap.',
    () => stats().filled,
  );
  registry.collectedCounter(
    'flc_bus_resets_total',
    'Topics whose followers had to catch up from the store.',
    () => stats().resets,
  );
  const framesIn = registry.counter(
    'flc_frames_in_total',
    'Frames from clients, by type (or why they were refused: invalid, rate_limited, too_large).',
    ['type'],
    32,
  );
  const framesOut = registry.counter(
    'flc_frames_out_total',
    'Frames the gateway wrote to one socket (acks, backfills, errors, deliveries).',
  );
  const acks = registry.histogram(
    'flc_send_ack_seconds',
    "Seconds from a send frame's arrival to its ack: the append, as clients see it.",
  );
  // The same counts as totals, for the node's process report (the System page).
  const totals = { framesIn: 0, framesOut: 0 };
  const gateway: GatewayMetrics = {
    frameIn: (type) => {
      framesIn.inc({ type });
      totals.framesIn += 1;
    },
    frameOut: () => {
      framesOut.inc();
      totals.framesOut += 1;
    },
    acked: (seconds) => acks.observe(seconds),
  };
  return { gateway, totals, render: () => registry.render(), stop: () => probes.stop() };
}

import type { GroupStatus } from '@flc/storage/bus';

/** What the workers process counts, added up over every worker and restart. */
export interface WorkerCounters {
  /** Messages written to the store (one redelivered after a crash counts again). */
  stored: number;
  /** Batches handled. */
  batches: number;
  /** Messages whose write failed; they stay pending and are claimed again. */
  failed: number;
  /** Messages of conversations deleted before they were stored: acknowledged, not written. */
  dropped: number;
  /** Workers replaced after a crash, an error or a fatal report. */
  restarts: number;
  /** Workers running and ready now. */
  running: number;
}

const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) =>
  `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;

/** The Prometheus text exposition of the persisters' counters and their consumer group's status. */
export function renderMetrics(counters: WorkerCounters, group: GroupStatus | null): string {
  let text = '';
  if (group) {
    text += metric(
      'flc_persister_lag',
      'gauge',
      'Conversation stream entries not yet delivered to any persister worker.',
      group.lag,
    );
    text += metric(
      'flc_persister_pending',
      'gauge',
      'Entries delivered to a persister worker and not yet acknowledged.',
      group.pending,
    );
  }
  text += metric(
    'flc_persister_messages_total',
    'counter',
    'Messages written to the message store.',
    counters.stored,
  );
  text += metric(
    'flc_persister_batches_total',
    'counter',
    'Batches handled by the persister workers.',
    counters.batches,
  );
  text += metric(
    'flc_persister_failed_total',
    'counter',
    'Messages whose write failed; they stay pending and are retried.',
    counters.failed,
  );
  text += metric(
    'flc_persister_dropped_total',
    'counter',
    'Messages of deleted conversations, acknowledged without a write.',
    counters.dropped,
  );
  text += metric(
    'flc_worker_restarts_total',
    'counter',
    'Workers replaced after a crash, an error or a fatal report.',
    counters.restarts,
  );
  text += metric('flc_workers_running', 'gauge', 'Workers running and ready.', counters.running);
  return text;
}

/** The process's own gauges, for a host whose `/metrics` has no others (the workers process). */
export const renderProcessMetrics = (): string =>
  metric(
    'process_resident_memory_bytes',
    'gauge',
    'Resident memory size in bytes.',
    process.memoryUsage().rss,
  );

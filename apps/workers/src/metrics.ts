import { Registry, registerProcessMetrics } from '@flc/metrics';
import { type GroupStatus, STREAM_MAX_LENGTH } from '@flc/storage/bus';

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

/** The Prometheus text exposition of the persisters' counters and their consumer group's status. */
export function renderMetrics(counters: WorkerCounters, group: GroupStatus | null): string {
  const r = new Registry();
  if (group) {
    r.gauge(
      'flc_persister_lag',
      'Conversation stream entries not yet delivered to any persister worker.',
      () => group.lag,
    );
    r.gauge(
      'flc_persister_pending',
      'Entries delivered to a persister worker and not yet acknowledged.',
      () => group.pending,
    );
    r.gauge(
      'flc_persister_partition_lag_max',
      'The largest lag of one partition stream: entries are lost once it reaches the trimmed length.',
      () => group.maxLag,
    );
    r.gauge(
      'flc_stream_max_length',
      'The length each partition stream is trimmed to.',
      () => STREAM_MAX_LENGTH,
    );
  }
  const totals: [string, string, number][] = [
    ['flc_persister_messages_total', 'Messages written to the message store.', counters.stored],
    ['flc_persister_batches_total', 'Batches handled by the persister workers.', counters.batches],
    [
      'flc_persister_failed_total',
      'Messages whose write failed; they stay pending and are retried.',
      counters.failed,
    ],
    [
      'flc_persister_dropped_total',
      'Messages of deleted conversations, acknowledged without a write.',
      counters.dropped,
    ],
    [
      'flc_worker_restarts_total',
      'Workers replaced after a crash, an error or a fatal report.',
      counters.restarts,
    ],
  ];
  for (const [name, help, value] of totals) r.collectedCounter(name, help, () => value);
  r.gauge('flc_workers_running', 'Workers running and ready.', () => counters.running);
  return r.render();
}

let own: Registry | null = null;

/**
 * The process's own health (memory, CPU, event loop lag), for a host whose `/metrics` has no
 * others (the workers process).
 */
export function renderProcessMetrics(): string {
  if (!own) {
    own = new Registry();
    registerProcessMetrics(own);
  }
  return own.render();
}

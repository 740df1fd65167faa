export type { WorkerCounters } from './metrics.ts';
export type { PersisterConfig, PersisterStats } from './persister-protocol.ts';
export {
  renderWebhookMetrics,
  startWebhookDispatchers,
  type WebhookCounters,
  type WebhookDispatchers,
  type WebhookDispatchersOptions,
  webhookWorkerConfig,
} from './webhooks.ts';
export type { WebhookWorkerConfig, WebhookWorkerStats } from './webhooks-protocol.ts';
export {
  startWorkerSet,
  type WorkerDatabase,
  type WorkerSet,
  type WorkerSetOptions,
  type WorkersTuning,
} from './worker-set.ts';
export { startWorkers, type Workers } from './workers.ts';

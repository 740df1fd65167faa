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
export { startWorkers, type Workers, type WorkersTuning } from './workers.ts';

export type { WorkerCounters } from './metrics.ts';
export type { PersisterConfig, PersisterStats } from './persister-protocol.ts';
export { startWorkers, type Workers, type WorkersTuning } from './workers.ts';

export { type Api, createApi } from './app.ts';
export type { ApiDeps } from './deps.ts';
export { startInboundSmtpOf } from './features/email/index.ts';
export type { InboundSmtp } from './features/email/smtp-listener.ts';
export { ensureConfiguredOperator } from './features/operator/accounts.ts';
export { applyConfiguredPlans, PlansConfigError } from './features/plans/config-plans.ts';
export { JobQueue } from './lib/job-queue.ts';
export { Metrics } from './lib/metrics.ts';
export { serverBodyLimit } from './lib/uploads.ts';

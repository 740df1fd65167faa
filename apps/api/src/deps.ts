import type { Mailer } from '@flc/mail';
import type { PlatformParts } from '@flc/storage/platform';
import type { JobQueue } from './lib/job-queue.ts';
import type { Metrics } from './lib/metrics.ts';

/**
 * What the API needs from its host: the process's platform (`openPlatform`), made once and
 * shared with the gateway beside it, when there is one.
 */
export interface ApiDeps extends PlatformParts {
  /** More of `/metrics` from the host (Prometheus text): the standalone process's workers. */
  metrics?: () => Promise<string>;
  /** The host's mailer (`createMailer`), when SMTP is set up: password reset is off without. */
  mailer?: Mailer;
  /** Work done after answering (mail); the host awaits `idle()` before closing the database. */
  jobs?: JobQueue;
  /** The request counts of `/metrics`, when the host reads them too (its process report). */
  httpMetrics?: Metrics;
  /**
   * Told when a webhook is created: a host that starts its webhook dispatcher only once there is
   * a webhook to deliver to (the standalone process) starts it then.
   */
  webhookCreated?: () => void;
}

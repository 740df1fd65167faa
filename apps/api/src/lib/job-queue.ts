import { logger } from '@flc/log';
/**
 * Work done after the answer went out, one job at a time in the order given: a slow dependency
 * (an SMTP server) neither holds requests nor piles up concurrent connections. Past `limit`
 * waiting jobs, new ones are dropped (and said so) rather than held in memory without bound.
 */
export class JobQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly limit = 1_000) {}

  /** Queues `job`; false when the queue is full and the job was dropped. */
  push(label: string, job: () => Promise<void>): boolean {
    if (this.waiting >= this.limit) {
      logger('jobs').warn({ job: label, waiting: this.waiting }, 'too many jobs waiting: dropped');
      return false;
    }
    this.waiting += 1;
    this.tail = this.tail.then(async () => {
      try {
        await job();
      } catch (error) {
        // The job's own message (never its input: addresses, links and tokens stay out).
        const reason = error instanceof Error ? error.message : String(error);
        logger('jobs').error({ job: label, reason }, 'a job failed');
      } finally {
        this.waiting -= 1;
      }
    });
    return true;
  }

  /** Resolves once every job queued so far has run (shutdown, tests). */
  idle(): Promise<void> {
    return this.tail;
  }
}

import type { LogFormat, LogLevel } from '@flc/log';
import type { RedisSettings } from '@flc/storage/redis';

/** The consumer group that turns the bus's messages into `message.created` events. */
export const webhooksGroup = 'webhooks';

/** What a host posts to a webhook dispatcher worker as its first message. */
export interface WebhookWorkerConfig {
  /** PostgreSQL, or else `socketPath`: the standalone process's embedded PGlite. */
  databaseUrl?: string | undefined;
  socketPath?: string | undefined;
  /** This worker's name in its leases (and in the consumer group): unique per worker. */
  owner: string;
  concurrency: number;
  timeoutMs: number;
  retrySchedule: number[];
  disableAfter: number;
  pollMs: number;
  /** Targets on loopback and private ranges are refused, after DNS, unless this is set. */
  allowPrivate: boolean;
  /** Default: the timeout plus 5 s. A test shortens it to see a killed dispatcher's work redone. */
  leaseMs?: number | undefined;
  /** How long a stop lets attempts in flight finish before handing them back. */
  stopGraceMs: number;
  /** The process's FLC_LOG_LEVEL and FLC_LOG_FORMAT: a worker sets up its own logger. */
  log: { level: LogLevel; format: LogFormat };
  /**
   * Signs the links to a message's attachments at each attempt (the platform's secret, as the
   * API that serves them), absolute under `baseUrl` (`FLC_PUBLIC_URL`) when there is one.
   */
  attachmentLinks: { secret: string; ttlSeconds: number; baseUrl?: string | undefined };
  /**
   * The scaled profile: read the bus's conversation streams with the webhooks' consumer group
   * and record `message.created` (the append path does not, when it defers to the persister).
   */
  fanOut?:
    | {
        redis: RedisSettings;
        batch: number;
        claimIdleMs: number;
        leaseMs: number;
        blockMs: number;
        /** Reads new entries at most this often (ms) unless a read came back full. */
        lingerMs: number;
      }
    | undefined;
}

/** Counts since the last report, posted as they happen; the host adds them up. */
export interface WebhookWorkerStats {
  delivered: number;
  retried: number;
  /** Given up: every attempt of the schedule failed. */
  failed: number;
  /** Webhooks disabled after too many events given up in a row. */
  disabled: number;
  handedBack: number;
  /** Messages read by the consumer group, and the deliveries their events made. */
  messages: number;
  queued: number;
}

export const noWebhookStats = (): WebhookWorkerStats => ({
  delivered: 0,
  retried: 0,
  failed: 0,
  disabled: 0,
  handedBack: 0,
  messages: 0,
  queued: 0,
});

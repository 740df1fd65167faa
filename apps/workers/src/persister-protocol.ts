import type { LogFormat, LogLevel } from '@flc/log';
import type { RedisSettings } from '@flc/storage/redis';

/** What a host (the workers or the standalone process) posts to a persister worker first. */
export interface PersisterConfig {
  /** PostgreSQL, or else `socketPath`: the standalone process's embedded PGlite. */
  databaseUrl?: string | undefined;
  socketPath?: string | undefined;
  /** MongoDB for the message store; unset: PostgreSQL. */
  mongodbUrl?: string | undefined;
  /** The install's Redis: server or cluster, key prefix, partitions. */
  redis: RedisSettings;
  /** This worker's name in the consumer group: unique per worker (`host-pid-index`). */
  consumer: string;
  /** Entries per partition per read. */
  batch: number;
  claimIdleMs: number;
  /** How long a partition lease lasts (see `FLC_PARTITION_LEASE_MS`). */
  leaseMs: number;
  /** How long an idle read waits: a stop waits at most this long for the read in flight. */
  blockMs: number;
  /** Reads new entries at most this often (ms) unless a read came back full: bigger batches. */
  lingerMs: number;
  /** PostgreSQL connections of this worker. */
  connections: number;
  /** Email continuity on: team replies are due a mail this many seconds after (see openPlatform). */
  replyMailDelaySeconds?: number | undefined;
  /** The process's FLC_LOG_LEVEL and FLC_LOG_FORMAT: a worker sets up its own logger. */
  log: { level: LogLevel; format: LogFormat };
}

/** One batch's counts, posted after each batch; the process adds them up. */
export interface PersisterStats {
  stored: number;
  failed: number;
  dropped: number;
}

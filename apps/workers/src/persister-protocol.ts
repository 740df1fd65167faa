/** What the workers process posts to a persister worker as its first message. */
export interface PersisterConfig {
  databaseUrl: string;
  /** MongoDB for the message store; unset: PostgreSQL. */
  mongodbUrl?: string | undefined;
  redisUrl: string;
  /** The bus's key prefix (`FLC_REDIS_PREFIX`). */
  prefix: string;
  /** Shard streams of the conversation topics; the bus's default unless a test says otherwise. */
  conversationShards?: number;
  /** This worker's name in the consumer group: `host-pid-index`, unique per worker. */
  consumer: string;
  /** Entries per shard stream per read. */
  batch: number;
  claimIdleMs: number;
  /** How long one read blocks: a stop waits at most this long for the read in flight. */
  blockMs: number;
  /** PostgreSQL connections of this worker. */
  connections: number;
}

/** One batch's counts, posted after each batch; the process adds them up. */
export interface PersisterStats {
  stored: number;
  failed: number;
  dropped: number;
}

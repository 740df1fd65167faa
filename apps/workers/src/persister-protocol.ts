/** What a host (the workers or the standalone process) posts to a persister worker first. */
export interface PersisterConfig {
  /** PostgreSQL, or else `socketPath`: the standalone process's embedded PGlite. */
  databaseUrl?: string | undefined;
  socketPath?: string | undefined;
  /** MongoDB for the message store; unset: PostgreSQL. */
  mongodbUrl?: string | undefined;
  redisUrl: string;
  /** The bus's key prefix (`FLC_REDIS_PREFIX`). */
  prefix: string;
  /** Shard streams of the conversation topics; the bus's default unless a test says otherwise. */
  conversationShards?: number;
  /** This worker's name in the consumer group: unique per worker (`host-pid-index`). */
  consumer: string;
  /** Entries per shard stream per read. */
  batch: number;
  claimIdleMs: number;
  /** How long one read blocks: a stop waits at most this long for the read in flight. */
  blockMs: number;
  /** Reads new entries at most this often (ms) unless a read came back full: bigger batches. */
  lingerMs: number;
  /** PostgreSQL connections of this worker. */
  connections: number;
}

/** One batch's counts, posted after each batch; the process adds them up. */
export interface PersisterStats {
  stored: number;
  failed: number;
  dropped: number;
}

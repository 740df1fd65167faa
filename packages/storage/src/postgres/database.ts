import { tracingEnabled } from '@flc/telemetry';
import postgres from 'postgres';
import { startEmbedded } from './embedded.ts';
import { traceSql } from './tracing.ts';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** What runs a query: the pool, or one transaction of it. */
export type Queryable = postgres.ISql;
/** What `sql.json()` accepts: a value that survives `JSON.stringify`. */
export type JsonValue = postgres.JSONValue;

export interface Database {
  sql: Sql;
  /** `true` when this process serves the database itself (PGlite). */
  embedded: boolean;
  /**
   * Embedded: the Unix socket PGlite is served on, for this process's Web Workers to connect to
   * (`openDatabase({ socketPath })`).
   */
  socketPath?: string | undefined;
  /** Checks the database answers; used by `/ready`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL server; when absent, PGlite runs in this process under `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite's directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** PGlite's buffer pool, in MiB (`FLC_EMBEDDED_SHARED_BUFFERS_MB`). */
  sharedBuffersMb?: number;
  /** Embedded: create a new database in this process rather than in a child (see embedded.ts). */
  createHere?: boolean;
  /** The socket of a database another part of this process embeds (see `Database.socketPath`). */
  socketPath?: string | undefined;
  max?: number;
}

const driverOptions = {
  onnotice: () => {},
  transform: { undefined: null },
} as const;

/**
 * Opens the platform's PostgreSQL database. Both profiles reach the database through the same
 * `postgres` driver; the embedded one serves PGlite to it over a private socket.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, { ...driverOptions, max: options.max ?? 10 });
    return wrap(sql, false, async () => {});
  }
  if (options.socketPath) {
    const sql = postgres({
      ...driverOptions,
      path: options.socketPath,
      username: 'postgres',
      database: 'postgres',
      max: options.max ?? 2,
    });
    return wrap(sql, false, async () => {});
  }
  if (!options.dataDir) throw new Error('openDatabase needs databaseUrl, socketPath or dataDir');
  const embedded = await startEmbedded(options.dataDir, {
    ...(options.sharedBuffersMb === undefined ? {} : { sharedBuffersMb: options.sharedBuffersMb }),
    ...(options.createHere ? { createHere: true } : {}),
  });
  const sql = postgres({
    ...driverOptions,
    path: embedded.socketPath,
    username: 'postgres',
    database: 'postgres',
    max: options.max ?? 4,
  });
  return { ...wrap(sql, true, embedded.stop), socketPath: embedded.socketPath };
}

function wrap(sql: Sql, embedded: boolean, stop: () => Promise<void>): Database {
  return {
    // With tracing on, a span per statement; off, the driver's client as it is.
    sql: tracingEnabled() ? traceSql(sql) : sql,
    embedded,
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await sql.end({ timeout: 5 });
      await stop();
    },
  };
}

/** A unique index refused the write (PostgreSQL's 23505); with `constraint`, that index only. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint_name } = error as { code?: string; constraint_name?: string };
  return code === '23505' && (constraint === undefined || constraint_name === constraint);
}

import { tracingEnabled } from '@flc/telemetry';
import { MongoClient } from 'mongodb';
import { MongoMessageStore } from './message-store.ts';
import { traceMongo } from './tracing.ts';

export interface MongoOpenOptions {
  /** A `mongodb://` or `mongodb+srv://` connection string. */
  url: string;
  /** The database; when absent, the one named in the URL's path, else `flc`. */
  database?: string | undefined;
}

export interface MongoMessageStoreHandle {
  store: MongoMessageStore;
  /** The database in use. */
  database: string;
  /** Checks the server answers; for `/ready`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const defaultDatabase = 'flc';

/**
 * The database named in a connection string's path, if any. Read by hand: a URL with several
 * hosts (`mongodb://a:1,b:2/db`) is not a WHATWG URL.
 */
export function databaseFromUrl(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const rest = url.slice(scheme + 3).split(/[?#]/, 1)[0] ?? '';
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const name = decodeURIComponent(rest.slice(slash + 1));
  return name === '' ? undefined : name;
}

/** Connects, makes sure the indexes exist, and returns the store on the chosen database. */
export async function openMongoMessageStore(
  options: MongoOpenOptions,
): Promise<MongoMessageStoreHandle> {
  const database = options.database ?? databaseFromUrl(options.url) ?? defaultDatabase;
  // Command events only with tracing on: a span per command (tracing.ts); off, none are made.
  const traced = tracingEnabled();
  const client = new MongoClient(options.url, { monitorCommands: traced });
  if (traced) traceMongo(client);
  await client.connect();
  try {
    const db = client.db(database);
    const store = new MongoMessageStore(db);
    await store.ensureIndexes();
    return {
      store,
      database,
      async ping() {
        await db.command({ ping: 1 });
      },
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

import postgres from 'postgres';
import { type Database, openDatabase } from '../postgres/database.ts';
import { migrate } from '../postgres/migrate.ts';
import { serviceUrl } from './services.ts';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, empty, migrated database; `close()` discards it. */
  open(): Promise<Database>;
}

export const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  async open() {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db.sql);
    return db;
  },
};

export interface TestDatabase {
  /** Its name, unique per call. */
  name: string;
  /** Its URL, for this process and for the processes a test starts. */
  url: string;
  /** Drops it, forcing out whoever is still connected. */
  drop(): Promise<void>;
}

/** Creates an empty database on the test PostgreSQL server at `adminUrl`. */
export async function createTestDatabase(
  adminUrl: string,
  prefix = 'flc_test',
): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A throwaway database on the test PostgreSQL server, or null when there is none (not CI). */
export function postgresTarget(): DatabaseTarget | null {
  const adminUrl = serviceUrl('postgres');
  if (!adminUrl) return null;
  return {
    name: 'postgres',
    async open() {
      const fresh = await createTestDatabase(adminUrl);
      const db = await openDatabase({ databaseUrl: fresh.url, max: 5 });
      await migrate(db.sql);
      return {
        ...db,
        async close() {
          await db.close();
          await fresh.drop();
        },
      };
    },
  };
}

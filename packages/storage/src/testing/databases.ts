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

/** A throwaway database on the test PostgreSQL server, or null when there is none (not CI). */
export function postgresTarget(): DatabaseTarget | null {
  const adminUrl = serviceUrl('postgres');
  if (!adminUrl) return null;
  return {
    name: 'postgres',
    async open() {
      const name = `flc_test_${crypto.randomUUID().replaceAll('-', '')}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: url.toString(), max: 5 });
      await migrate(db.sql);
      return {
        ...db,
        async close() {
          await db.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  };
}

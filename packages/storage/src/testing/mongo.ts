import { MongoClient } from 'mongodb';
import { serviceUrl } from './services.ts';

export interface MongoTestDatabase {
  /** The server's URL (its path names no database). */
  url: string;
  /** A fresh database name, unique to this run. */
  database: string;
  /** Drops the database. */
  drop(): Promise<void>;
}

/**
 * Throwaway databases on the test MongoDB-wire server (FerretDB under `bun run test`), or null
 * when there is none (not CI).
 */
export function mongoTarget(): { create(): MongoTestDatabase } | null {
  const url = serviceUrl('mongodb');
  if (!url) return null;
  return {
    create() {
      const database = `flc_test_${crypto.randomUUID().replaceAll('-', '')}`;
      return {
        url,
        database,
        async drop() {
          const client = new MongoClient(url);
          try {
            await client.db(database).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    },
  };
}

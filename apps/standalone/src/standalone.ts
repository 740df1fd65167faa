import { createApi } from '@flc/api';
import { type Config, resolveJwtSecret } from '@flc/config';
import { createMemoryBus } from '@flc/storage/bus';
import { migrate, openDatabase, PostgresMessageStore } from '@flc/storage/postgres';

export interface Standalone {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole platform in one Bun process: the API on embedded stores (PGlite on disk unless
 * `DATABASE_URL` is set). Realtime and workers join this process as they are built.
 */
export async function startStandalone(config: Config): Promise<Standalone> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db.sql);
  } catch (error) {
    await db.close();
    throw error;
  }
  const messages = new PostgresMessageStore(db.sql);
  // One process, so the in-memory bus; after a restart it numbers on from the stored history.
  const bus = createMemoryBus({ initialSeq: (id) => messages.headSeq(id) });
  const jwtSecret = resolveJwtSecret(config);
  const app = createApi({ config, db, jwtSecret, bus, messages }).listen({
    port: config.port,
    hostname: config.host,
    // Declared lengths are refused with the API's 413; this cap stops unbounded chunked bodies.
    maxRequestBodySize: config.maxBodyBytes * 2,
  });
  const port = app.server?.port ?? config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async stop() {
      await app.stop();
      await bus.close();
      await db.close();
    },
  };
}

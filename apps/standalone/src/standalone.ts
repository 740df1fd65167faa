import { createApi } from '@flc/api';
import { type Config, resolveJwtSecret } from '@flc/config';
import { migrate, openDatabase } from '@flc/storage/postgres';

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
  const app = createApi({ config, db, jwtSecret: resolveJwtSecret(config) }).listen({
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
      await db.close();
    },
  };
}

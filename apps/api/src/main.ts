import { loadConfigOrExit, resolveJwtSecret } from '@flc/config';
import { migrate, openDatabase } from '@flc/storage/postgres';
import { createApi } from './app.ts';

// The API alone (scaled profile): `DATABASE_URL` points at PostgreSQL; without it, PGlite.
const config = loadConfigOrExit();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(db.sql);
const app = createApi({ config, db, jwtSecret: resolveJwtSecret(config) }).listen({
  port: config.port,
  hostname: config.host,
  maxRequestBodySize: config.maxBodyBytes,
});
console.log(`Fast Light Chat API listening on http://${config.host}:${app.server?.port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.stop();
    await db.close();
    process.exit(0);
  });
}

import { loadConfigOrExit, resolveJwtSecret } from '@flc/config';
import { createMemoryBus, createRedisBus } from '@flc/storage/bus';
import { migrate, openDatabase, PostgresMessageStore } from '@flc/storage/postgres';
import { createApi } from './app.ts';

// The API alone (scaled profile): `DATABASE_URL` points at PostgreSQL; without it, PGlite.
const config = loadConfigOrExit();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(db.sql);
const messages = new PostgresMessageStore(db.sql);
// Numbering continues from the store when the bus has no counter (a restart, a fresh Redis).
const initialSeq = (conversationId: string) => messages.headSeq(conversationId);
const bus = config.redisUrl
  ? createRedisBus({ url: config.redisUrl, initialSeq })
  : createMemoryBus({ initialSeq });
const jwtSecret = resolveJwtSecret(config);
const app = createApi({ config, db, jwtSecret, bus, messages }).listen({
  port: config.port,
  hostname: config.host,
  maxRequestBodySize: config.maxBodyBytes,
});
console.log(`Fast Light Chat API listening on http://${config.host}:${app.server?.port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.stop();
    await bus.close();
    await db.close();
    process.exit(0);
  });
}

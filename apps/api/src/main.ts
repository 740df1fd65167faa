import { loadConfigOrExit, resolveJwtSecret } from '@flc/config';
import type { MessageServiceOptions } from '@flc/core';
import { createMemoryBus, createRedisBus, createRedisUnpersisted } from '@flc/storage/bus';
import { openMessageStore } from '@flc/storage/message-store';
import { migrate, openDatabase } from '@flc/storage/postgres';
import { createRedisPresence } from '@flc/storage/presence';
import { openRedis, redisSettingsOf } from '@flc/storage/redis';
import { createApi } from './app.ts';

// The API alone (scaled profile): `DATABASE_URL` points at PostgreSQL; without it, PGlite.
const config = loadConfigOrExit();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(db.sql);
// Messages in MongoDB when MONGODB_URL is set, else beside everything else in PostgreSQL.
const messageStore = await openMessageStore({ mongodbUrl: config.mongodbUrl, sql: db.sql });
const messages = messageStore.store;
// Numbering continues from the store when the bus has no counter (a restart, a fresh Redis).
const initialSeq = (conversationId: string) => messages.headSeq(conversationId);
const settings = redisSettingsOf(config);
const redis = settings && openRedis(settings, `api-${process.pid}`);
const bus = redis ? createRedisBus(redis, { initialSeq }) : createMemoryBus({ initialSeq });
// With Redis (the scaled profile) the persister workers store messages behind the bus; history
// reads fill what they have not stored yet from the stream. Alone on the memory bus, the API
// writes each message through itself.
const persistence: MessageServiceOptions = redis
  ? { persistence: 'deferred', unpersisted: createRedisUnpersisted(redis) }
  : { persistence: 'write-through' };
// Which agents the realtime nodes hold sockets of (only read here).
const presence = redis ? createRedisPresence(redis, { readOnly: true }) : undefined;
const jwtSecret = resolveJwtSecret(config);
const app = createApi({ config, db, jwtSecret, bus, messages, persistence, presence }).listen({
  port: config.port,
  hostname: config.host,
  maxRequestBodySize: config.maxBodyBytes,
});
console.log(`Fast Light Chat API listening on http://${config.host}:${app.server?.port}`);
console.log(`  messages in ${messageStore.kind === 'mongodb' ? 'MongoDB' : 'PostgreSQL'}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.stop();
    await bus.close();
    await presence?.close();
    await redis?.close();
    await messageStore.close();
    await db.close();
    process.exit(0);
  });
}

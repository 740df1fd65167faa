export { createMemoryPresence } from './memory.ts';
export { createRedisPresence, type RedisPresenceOptions } from './redis.ts';

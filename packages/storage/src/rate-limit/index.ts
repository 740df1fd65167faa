export { createMemoryRateLimiter } from './memory.ts';
export { createRedisRateLimiter } from './redis.ts';

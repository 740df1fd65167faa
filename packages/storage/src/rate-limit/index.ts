export { createMemoryRateLimiter } from './memory.ts';
export { createRedisMonthlyCounter } from './monthly.ts';
export { createRedisRateLimiter } from './redis.ts';

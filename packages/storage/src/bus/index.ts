export { createMemoryBus, type MemoryBus, type MemoryBusOptions } from './memory.ts';
export {
  createRedisBus,
  type RedisBus,
  type RedisBusOptions,
  STREAM_MAX_LENGTH,
} from './redis-bus.ts';
export {
  createRedisConsumer,
  type RedisConsumer,
  type RedisConsumerOptions,
  type StreamDelivery,
} from './redis-consumer.ts';
export {
  createGroupMonitor,
  ensureGroups,
  type GroupMonitor,
  type GroupStatus,
  groupStatus,
  persisterGroup,
  pruneConsumers,
} from './redis-group.ts';
export type { TopicStats } from './redis-topics.ts';
export { createRedisUnpersisted, type RedisUnpersistedOptions } from './redis-unpersisted.ts';

export { createMemoryBus, type MemoryBusOptions } from './memory.ts';
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
  type GroupMonitorOptions,
  type GroupStatus,
  groupStatus,
  persisterGroup,
  pruneConsumers,
} from './redis-group.ts';
export {
  conversationStreams,
  defaultLayout,
  field as streamField,
  type KeyLayout,
  streamKey,
} from './redis-keys.ts';
export { createRedisBus, type RedisBusOptions } from './redis-streams.ts';
export {
  createRedisUnpersisted,
  type RedisUnpersisted,
  type RedisUnpersistedOptions,
} from './redis-unpersisted.ts';

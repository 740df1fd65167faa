export {
  channelOf,
  conversationKeys,
  defaultLayout,
  field as streamField,
  fnv1a,
  type KeyLayout,
  membersKey,
  organizationChannel,
  type Partition,
  partition,
  partitionOf,
  partitions,
} from './layout.ts';
export {
  addressOf,
  clusterSeeds,
  type NodeAddress,
  openRedis,
  parseAddress,
  quit,
  type RedisCommands,
  type RedisContext,
  type RedisServer,
  type RedisSettings,
} from './server.ts';
export { redisSettingsOf } from './settings.ts';
export { hashTag, keySlot } from './slot.ts';
export {
  createShardedSubscriber,
  type ShardedSubscriber,
  type SubscriberHandlers,
} from './subscriber.ts';

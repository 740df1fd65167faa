export { createMemoryBus, type MemoryBusOptions } from './memory.ts';
export { field as streamField, type KeyLayout, streamKey } from './redis-keys.ts';
export { createRedisBus, type RedisBusOptions } from './redis-streams.ts';

import type { Audience, Bus, BusEvent, Message, Topic, Unsubscribe } from '@flc/core';
import { openRedis } from '../redis/server.ts';
import { type RedisTestServer, redisTestServers } from '../testing/redis-servers.ts';
import { createMemoryBus } from './memory.ts';
import { createRedisBus } from './redis-bus.ts';

export interface BusOptions {
  initialSeq?: (conversationId: string, audience: Audience) => Promise<number>;
  storedByCid?: (
    organizationId: string,
    conversationId: string,
    cid: string,
  ) => Promise<Message | null>;
}

export interface BusTarget {
  name: string;
  /**
   * A bus on fresh state; `close()` on it also discards that state. Buses opened with the same
   * `deployment` share what a deployment shares across a restart (the Redis keys; nothing in
   * memory), so a second one plays the same platform after a restart.
   */
  open(options?: BusOptions, deployment?: string): Bus;
}

export const memoryTarget: BusTarget = {
  name: 'memory',
  open: (options) => createMemoryBus(options),
};

/** Buses on a test Redis (server or cluster), each under a fresh key prefix. */
export function redisBusTarget(redis: RedisTestServer): BusTarget {
  return {
    name: redis.name,
    open: (options, deployment) => {
      const prefix = `flc-test-${deployment ?? crypto.randomUUID()}`;
      const context = openRedis(redis.settings(prefix));
      const bus = createRedisBus(context, options);
      return {
        ...bus,
        close: async () => {
          await bus.close();
          await context.close();
          await redis.drop(prefix);
        },
      };
    },
  };
}

/** The memory bus, and a Redis bus on every test Redis there is. */
export const busTargets = (): BusTarget[] => [
  memoryTarget,
  ...redisTestServers().map(redisBusTarget),
];

export interface Inbox {
  events: BusEvent[];
  /** Resolves with the events once `count` have arrived in all; fails after `timeoutMs`. */
  take(count: number, timeoutMs?: number): Promise<BusEvent[]>;
  unsubscribe: Unsubscribe;
}

/** Subscribes and collects, so a test awaits events instead of sleeping. */
export async function listen(bus: Bus, topic: Topic): Promise<Inbox> {
  const events: BusEvent[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  const unsubscribe = await bus.subscribe(topic, (event) => {
    events.push(event);
    if (waiting && events.length >= waiting.count) waiting.resolve();
  });
  return {
    events,
    unsubscribe,
    async take(count, timeoutMs = 3_000) {
      if (events.length < count) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await new Promise<void>((resolve, reject) => {
            waiting = { count, resolve };
            timer = setTimeout(() => {
              const got = `${events.length} of ${count} events`;
              reject(new Error(`timed out after ${timeoutMs} ms with ${got}`));
            }, timeoutMs);
          });
        } finally {
          clearTimeout(timer);
          waiting = undefined;
        }
      }
      return events.slice(0, count);
    },
  };
}

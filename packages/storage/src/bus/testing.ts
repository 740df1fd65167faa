import type { Bus, BusEvent, Message, Topic, Unsubscribe } from '@flc/core';
import { Redis } from 'ioredis';
import { serviceUrl } from '../testing/services.ts';
import { createMemoryBus } from './memory.ts';
import { createRedisBus } from './redis-streams.ts';

export interface BusOptions {
  initialSeq?: (conversationId: string) => Promise<number>;
  recentMessages?: (organizationId: string, conversationId: string) => Promise<Message[]>;
}

export interface BusTarget {
  name: 'memory' | 'redis';
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

/** Buses on the test Redis, each under a fresh key prefix; null when there is none (not CI). */
export function redisTarget(): BusTarget | null {
  const url = serviceUrl('redis');
  if (!url) return null;
  return {
    name: 'redis',
    open: (options, deployment) => {
      const prefix = `flc-test-${deployment ?? crypto.randomUUID()}`;
      const bus = createRedisBus({ url, prefix, ...options });
      return { ...bus, close: () => bus.close().then(() => dropKeys(url, prefix)) };
    },
  };
}

export async function dropKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

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

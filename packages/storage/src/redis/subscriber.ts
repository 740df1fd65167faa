import type { Redis } from 'ioredis';
import { parseAddress } from './address.ts';
import type { RedisContext } from './server.ts';
import { keySlot } from './slot.ts';

export interface SubscriberHandlers {
  message(channel: string, payload: string): void;
  /**
   * Channels subscribed again after their connection was lost, or after their slot moved to
   * another master (a failover, a resharding): whatever was published on them in between is
   * missing, and the caller recovers it from the durable log.
   */
  resubscribed(channels: string[]): void;
  error(error: unknown): void;
}

/**
 * Sharded PUB/SUB (`SSUBSCRIBE`) on a single Redis or across a cluster: one connection (link)
 * per master, each channel subscribed on the master serving its slot. A lost link is connected
 * again, a slot that moved (failover, resharding) is followed to its new master, and either
 * way the channels are subscribed again and reported, so the caller can fill what it missed.
 */
export interface ShardedSubscriber {
  /** Resolves once the server confirmed every channel: what is published after that arrives. */
  subscribe(channels: string[]): Promise<void>;
  unsubscribe(channels: string[]): void;
  close(): Promise<void>;
}

interface Channel {
  name: string;
  link: Link | null;
  /** Confirmed by the server on the link it is on now. */
  active: boolean;
  /** Was active, then its link went away: report it once subscribed again. */
  lost: boolean;
  /** Who waits for the server's confirmation; null when nobody does. */
  waiters: (() => void)[] | null;
}

interface Link {
  address: string;
  redis: Redis;
  channels: Set<Channel>;
  ready: boolean;
  /** An outage is reported once, not at every reconnect attempt. */
  reported: boolean;
  /** Dropped by `restart`: its events no longer matter. */
  dead: boolean;
}

/** Checks the cluster's slot map this often for moves no link noticed (a resharding). */
const REFRESH_MS = 10_000;
const RETRY_BASE_MS = 100;
const RETRY_CAP_MS = 2_000;

export function createShardedSubscriber(
  context: RedisContext,
  name: string,
  handlers: SubscriberHandlers,
): ShardedSubscriber {
  const channels = new Map<string, Channel>();
  const links = new Map<string, Link>();
  let masters: string[] | null = null;
  let loading: Promise<string[]> | null = null;
  let pending = new Set<Channel>();
  let flushing = false;
  let closed = false;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshFailures = 0;
  const periodic = context.cluster ? setInterval(() => scheduleRefresh(0), REFRESH_MS) : undefined;
  periodic?.unref?.();

  const addressFor = (channel: string, map: string[]): string =>
    context.cluster ? (map[keySlot(channel)] as string) : 'server';

  function slotMap(): Promise<string[]> {
    if (masters) return Promise.resolve(masters);
    loading ??= context.slotMasters().then(
      (map) => {
        masters = map;
        loading = null;
        return map;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }

  function linkTo(address: string): Link {
    const existing = links.get(address);
    if (existing) return existing;
    const node = context.cluster ? parseAddress(address) : undefined;
    // Subscriptions are this module's to restore (and to report); commands are never queued
    // while the link is down, so nothing stale is sent when it comes back.
    const redis = context.connect(`${name}:${address}`, node, {
      autoResubscribe: false,
      enableOfflineQueue: false,
    });
    const link: Link = {
      address,
      redis,
      channels: new Set(),
      ready: false,
      reported: false,
      dead: false,
    };
    links.set(address, link);
    redis.on('smessage', (channel: string, payload: string) => handlers.message(channel, payload));
    redis.on('ready', () => {
      link.ready = true;
      link.reported = false;
      void subscribeOn(link, [...link.channels]);
    });
    redis.on('close', () => {
      if (!link.ready || link.dead) return;
      link.ready = false;
      for (const channel of link.channels) {
        if (channel.active) channel.lost = true;
        channel.active = false;
      }
      // The master may be gone for good: look where its slots went.
      if (context.cluster) scheduleRefresh(RETRY_BASE_MS);
    });
    redis.on('error', (error: unknown) => {
      // A master that cannot be reached may have failed over, and one that gives a slot away
      // drops its subscriptions with notices the client reports as errors: look where the
      // slots are now, at once for the first error of an outage.
      if (context.cluster && !link.dead) {
        scheduleRefresh(link.reported ? RETRY_CAP_MS : RETRY_BASE_MS);
      }
      if (link.reported || closed || link.dead) return;
      link.reported = true;
      handlers.error(error);
    });
    // A SSUBSCRIBE answered MOVED is never settled by the client: start the link over.
    redis.on('moved', () => {
      scheduleRefresh(0);
      restart(link);
    });
    return link;
  }

  /** Drops a link and places its channels again (on a new link to the same or another master). */
  function restart(link: Link): void {
    if (link.dead) return;
    link.dead = true;
    if (links.get(link.address) === link) links.delete(link.address);
    link.redis.disconnect();
    for (const channel of link.channels) {
      if (channel.active) channel.lost = true;
      channel.active = false;
      channel.link = null;
      pending.add(channel);
    }
    link.channels.clear();
    scheduleFlush();
  }

  /** SSUBSCRIBE per slot (a cluster refuses channels of several slots in one command). */
  async function subscribeOn(link: Link, list: Channel[]): Promise<void> {
    const bySlot = new Map<number, Channel[]>();
    for (const channel of list) {
      const slot = context.cluster ? keySlot(channel.name) : 0;
      const group = bySlot.get(slot);
      if (group) group.push(channel);
      else bySlot.set(slot, [channel]);
    }
    const recovered: string[] = [];
    await Promise.all(
      [...bySlot.values()].map(async (group) => {
        try {
          await link.redis.ssubscribe(...group.map((c) => c.name));
        } catch {
          // The link went down meanwhile: they are subscribed when it is ready again.
          return;
        }
        for (const channel of group) {
          // Unsubscribed, or moved to another link, while the command was in flight.
          if (channel.link !== link || channels.get(channel.name) !== channel) continue;
          channel.active = true;
          if (channel.lost) {
            channel.lost = false;
            recovered.push(channel.name);
          }
          wakeWaiters(channel);
        }
      }),
    );
    if (recovered.length > 0 && !closed) handlers.resubscribed(recovered);
  }

  function scheduleFlush(): void {
    if (flushing || closed) return;
    flushing = true;
    queueMicrotask(() => void flush());
  }

  async function flush(): Promise<void> {
    try {
      const map = await slotMap();
      if (closed) return;
      const batch = [...pending];
      pending = new Set();
      const byLink = new Map<Link, Channel[]>();
      for (const channel of batch) {
        if (channels.get(channel.name) !== channel || channel.link) continue;
        const link = linkTo(addressFor(channel.name, map));
        channel.link = link;
        link.channels.add(channel);
        const list = byLink.get(link);
        if (list) list.push(channel);
        else byLink.set(link, [channel]);
      }
      for (const [link, list] of byLink) if (link.ready) void subscribeOn(link, list);
    } catch (error) {
      if (closed) return;
      // No slot map (the cluster is unreachable): try again a little later.
      handlers.error(error);
      scheduleRefresh(RETRY_CAP_MS);
    } finally {
      flushing = false;
      if (pending.size > 0) scheduleFlush();
    }
  }

  function scheduleRefresh(delayMs: number): void {
    if (closed || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void refresh();
    }, delayMs);
    refreshTimer.unref?.();
  }

  /** Reads the slot map again and moves every channel whose slot another master serves now. */
  async function refresh(): Promise<void> {
    if (closed) return;
    let map: string[];
    try {
      map = await context.slotMasters();
      refreshFailures = 0;
    } catch (error) {
      refreshFailures += 1;
      if (refreshFailures === 1) handlers.error(error);
      const wait = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** refreshFailures);
      scheduleRefresh(Math.random() * wait);
      return;
    }
    masters = map;
    for (const link of [...links.values()]) {
      const moved = [...link.channels].filter((c) => addressFor(c.name, map) !== link.address);
      // The server drops the subscriptions of a slot it gives away, with notices the client
      // does not expect: a link that lost slots while up is started over.
      if (moved.length > 0 && link.ready) restart(link);
      else if (moved.length > 0) {
        for (const channel of moved) {
          link.channels.delete(channel);
          channel.link = null;
          pending.add(channel);
        }
      }
      if (link.channels.size === 0 && !link.dead) {
        link.dead = true;
        links.delete(link.address);
        link.redis.disconnect();
      }
    }
    if (pending.size > 0) scheduleFlush();
    // Some link is still down: keep looking until its slots are served somewhere.
    if ([...links.values()].some((l) => !l.ready)) scheduleRefresh(RETRY_CAP_MS);
  }

  return {
    subscribe(names) {
      const waiting: Promise<void>[] = [];
      for (const name of names) {
        let channel = channels.get(name);
        if (!channel) {
          channel = { name, link: null, active: false, lost: false, waiters: null };
          channels.set(name, channel);
          pending.add(channel);
        }
        if (!channel.active) {
          const c = channel;
          waiting.push(
            new Promise((resolve) => {
              c.waiters ??= [];
              c.waiters.push(resolve);
            }),
          );
        }
      }
      if (pending.size > 0) scheduleFlush();
      return Promise.all(waiting).then(() => undefined);
    },

    unsubscribe(names) {
      const byLink = new Map<Link, string[]>();
      for (const name of names) {
        const channel = channels.get(name);
        if (!channel) continue;
        channels.delete(name);
        pending.delete(channel);
        wakeWaiters(channel);
        const { link } = channel;
        if (!link) continue;
        link.channels.delete(channel);
        channel.link = null;
        if (!link.ready) continue;
        const list = byLink.get(link);
        if (list) list.push(name);
        else byLink.set(link, [name]);
      }
      for (const [link, list] of byLink) {
        const bySlot = new Map<number, string[]>();
        for (const n of list) {
          const slot = context.cluster ? keySlot(n) : 0;
          bySlot.set(slot, [...(bySlot.get(slot) ?? []), n]);
        }
        // Nothing to wait for: a link that fails here has dropped the subscription anyway.
        for (const group of bySlot.values()) link.redis.sunsubscribe(...group).catch(() => {});
      }
    },

    async close() {
      closed = true;
      clearInterval(periodic);
      clearTimeout(refreshTimer);
      for (const channel of channels.values()) wakeWaiters(channel);
      channels.clear();
      for (const link of links.values()) link.redis.disconnect();
      links.clear();
    },
  };
}

function wakeWaiters(channel: Channel): void {
  const { waiters } = channel;
  channel.waiters = null;
  if (waiters) for (const wake of waiters) wake();
}

import type { Config } from '@flc/config';
import type { Bus, MessageServiceOptions, MessageStore, PresenceRegistry } from '@flc/core';
import type { Database } from '@flc/storage/postgres';
import { createMemoryPresence } from '@flc/storage/presence';

/** What the API needs from its host: built once by the process that runs it. */
export interface ApiDeps {
  config: Config;
  db: Database;
  /** Resolved by the host: `JWT_SECRET`, or the embedded profile's generated one. */
  jwtSecret: string;
  /** Gives messages their seq and fans events out to the realtime nodes. */
  bus: Bus;
  /** Message history (PostgreSQL now; MongoDB in the scaled profile later). */
  messages: MessageStore;
  /**
   * How appended messages reach the store: written through (default, the embedded profile), or
   * deferred to the persister workers (the scaled profile, with the Redis bus).
   */
  persistence?: MessageServiceOptions;
  /** More of `/metrics` from the host (Prometheus text): the standalone process's workers. */
  metrics?: () => Promise<string>;
  /**
   * Which agents have a socket open on some realtime node: the same registry the host's gateway
   * writes (embedded), or the Redis one the nodes write (scaled). Absent: nobody is connected.
   */
  presence?: PresenceRegistry;
}

const nobody = createMemoryPresence();

/** The host's presence registry; without one, no agent is connected anywhere. */
export const presenceOf = (deps: ApiDeps): PresenceRegistry => deps.presence ?? nobody;

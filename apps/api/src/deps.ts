import type { Config } from '@flc/config';
import type { Bus, MessageStore } from '@flc/core';
import type { Database } from '@flc/storage/postgres';

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
}

import type { MessageStore } from '@flc/core';
import type { Sql } from './postgres/database.ts';
import { PostgresMessageStore } from './postgres/message-store.ts';

export interface OpenedMessageStore {
  store: MessageStore;
  /** Which database holds the messages, for logs. */
  kind: 'mongodb' | 'postgresql';
  close(): Promise<void>;
}

/**
 * The message store a process is configured for: MongoDB when `mongodbUrl` is set, else the
 * PostgreSQL (or PGlite) database the process already has open. The MongoDB driver is loaded
 * only when it is used.
 */
export async function openMessageStore(options: {
  mongodbUrl?: string | undefined;
  sql: Sql;
}): Promise<OpenedMessageStore> {
  if (!options.mongodbUrl) {
    return {
      store: new PostgresMessageStore(options.sql),
      kind: 'postgresql',
      close: async () => {},
    };
  }
  const { openMongoMessageStore } = await import('./mongo/open.ts');
  const mongo = await openMongoMessageStore({ url: options.mongodbUrl });
  return { store: mongo.store, kind: 'mongodb', close: () => mongo.close() };
}

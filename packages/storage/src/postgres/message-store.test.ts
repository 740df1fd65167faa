import {
  describeMessageStore,
  pgliteTarget,
  postgresTarget,
  seedConversation,
} from '../testing/index.ts';
import { PostgresMessageStore } from './message-store.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describeMessageStore(`postgres store on ${target.name}`, async () => {
    const db = await target.open();
    return {
      store: new PostgresMessageStore(db.sql),
      // Messages reference their conversation: each gets a real tenant above it.
      conversation: () => seedConversation(db.sql),
      close: () => db.close(),
    };
  });
}

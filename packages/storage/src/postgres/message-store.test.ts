import {
  describeMessageSearch,
  describeMessageStore,
  pgliteTarget,
  postgresTarget,
  seedConversation,
} from '../testing/index.ts';
import { PostgresMessageStore } from './message-store.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  const open = async () => {
    const db = await target.open();
    return {
      store: new PostgresMessageStore(db.sql),
      // Messages reference their conversation: each gets a real tenant above it.
      conversation: () => seedConversation(db.sql),
      // An edit or a deletion is an UPDATE of the body: the trigger re-indexes it.
      async rewrite(conversationId: string, seq: number, body: string) {
        await db.sql`
          update messages set body = ${body} where conversation_id = ${conversationId} and seq = ${seq}`;
      },
      close: () => db.close(),
    };
  };
  describeMessageStore(`postgres store on ${target.name}`, open);
  describeMessageSearch(`postgres store on ${target.name}`, open);
}

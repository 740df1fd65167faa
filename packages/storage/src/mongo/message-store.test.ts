import { describeMessageStore, mongoTarget } from '../testing/index.ts';
import { openMongoMessageStore } from './open.ts';

const target = mongoTarget();
if (target) {
  describeMessageStore('mongo store', async () => {
    const scratch = target.create();
    const handle = await openMongoMessageStore({ url: scratch.url, database: scratch.database });
    return {
      store: handle.store,
      // Documents need no parent rows: any fresh pair of ids is a conversation.
      conversation: async () => ({
        organizationId: Bun.randomUUIDv7(),
        conversationId: Bun.randomUUIDv7(),
      }),
      async close() {
        await handle.close();
        await scratch.drop();
      },
    };
  });
}

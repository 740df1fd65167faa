import { searchTerms } from '@flc/core';
import { MongoClient } from 'mongodb';
import { describeMessageSearch, describeMessageStore, mongoTarget } from '../testing/index.ts';
import { openMongoMessageStore } from './open.ts';

const target = mongoTarget();
if (target) {
  const open = async () => {
    const scratch = target.create();
    const handle = await openMongoMessageStore({ url: scratch.url, database: scratch.database });
    // A second client writes as an edit will, beside the store.
    const client = await MongoClient.connect(scratch.url);
    const messages = client.db(scratch.database).collection('messages');
    return {
      store: handle.store,
      // Documents need no parent rows: any fresh pair of ids is a conversation.
      conversation: async () => ({
        organizationId: Bun.randomUUIDv7(),
        conversationId: Bun.randomUUIDv7(),
      }),
      // Every write of a body sets its terms with it.
      async rewrite(conversationId: string, seq: number, body: string) {
        await messages.updateOne(
          { conversationId, seq },
          { $set: { body, terms: searchTerms(body) } },
        );
      },
      async close() {
        await client.close();
        await handle.close();
        await scratch.drop();
      },
    };
  };
  describeMessageStore('mongo store', open);
  describeMessageSearch('mongo store', open);
}

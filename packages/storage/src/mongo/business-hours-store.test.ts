import { MongoClient } from 'mongodb';
import { describeBusinessHoursStore, mongoTarget } from '../testing/index.ts';
import { MongoBusinessHoursStore } from './business-hours-store.ts';

const target = mongoTarget();
if (target) {
  describeBusinessHoursStore('mongo store', async () => {
    const scratch = target.create();
    const client = await MongoClient.connect(scratch.url);
    return {
      store: new MongoBusinessHoursStore(client.db(scratch.database)),
      // Documents need no parent rows: any fresh pair of ids is an environment.
      environment: async () => ({
        organizationId: Bun.randomUUIDv7(),
        environmentId: Bun.randomUUIDv7(),
      }),
      async close() {
        await client.close();
        await scratch.drop();
      },
    };
  });
}

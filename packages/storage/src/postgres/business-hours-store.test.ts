import { describeBusinessHoursStore, pgliteTarget, postgresTarget } from '../testing/index.ts';
import { seedConversation } from '../testing/tenant-rows.ts';
import { PostgresBusinessHoursStore } from './business-hours-store.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describeBusinessHoursStore(`postgres store on ${target.name}`, async () => {
    const db = await target.open();
    return {
      store: new PostgresBusinessHoursStore(db.sql),
      environment: () => seedConversation(db.sql),
      close: () => db.close(),
    };
  });
}

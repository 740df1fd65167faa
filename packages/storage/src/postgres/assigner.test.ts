import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { pgliteTarget, postgresTarget, seedTeam } from '../testing/index.ts';
import { PostgresAssigner } from './assigner.ts';
import type { Database } from './database.ts';

// An agent coming online asks whether anything waits before it takes the round's lock: the
// organizations asked in one tick share one query, and each gets its own answer.
for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`assigner's waiting check on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    }, 60_000);
    afterAll(() => db.close());

    test('true only for an organization with a waiting conversation; false once it is assigned', async () => {
      const assigner = new PostgresAssigner(db.sql);
      const waiting = await seedTeam(db.sql, { agents: 1, capacity: null, mode: 'least_busy' });
      const idle = await seedTeam(db.sql, { agents: 1, capacity: null, mode: 'least_busy' });
      const manual = await seedTeam(db.sql, { agents: 1, capacity: null, mode: 'manual' });
      for (const t of [waiting, manual]) {
        await db.sql`update conversations set status = 'open' where id = ${t.conversationId}`;
      }

      const answers = await Promise.all(
        [waiting, idle, manual].map((t) => assigner.hasWaiting(t.organizationId)),
      );
      expect(answers).toEqual([true, false, false]);
      expect(await assigner.hasWaiting('not-an-id')).toBe(false);

      const online = new Set(waiting.agentIds);
      const assigned = await assigner.assign(waiting.organizationId, online);
      expect(assigned.map((r) => r.id)).toEqual([waiting.conversationId]);
      expect(await assigner.hasWaiting(waiting.organizationId)).toBe(false);
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { uuidv7 } from '@flc/core';
import { pgliteTarget, postgresTarget } from '../testing/index.ts';
import type { Database, Sql } from './database.ts';
import { PostgresPlanDirectory } from './plan-directory.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`plan directory on ${target.name}`, () => {
    let db: Database;
    let sql: Sql;
    const org = uuidv7();
    const bare = uuidv7();
    beforeAll(async () => {
      db = await target.open();
      sql = db.sql;
      await sql`insert into plans (id, name, limits, features)
        values ('starter', 'Starter', ${sql.json({ agents: 2, messagesPerMonth: 1000 })},
          ${sql.json({ webhooks: false })}),
          ('free', 'Free', ${sql.json({ agents: 1 })}, '{}')`;
      await sql`insert into organizations (id, name, plan_id, plan_overrides)
        values (${org}, 'Planned', 'starter', ${sql.json({ limits: { messagesPerMonth: null } })}),
          (${bare}, 'Bare', null, '{}')`;
    });
    afterAll(() => db.close());

    test("a tenant's plan with its overrides laid over it", async () => {
      const plan = await new PostgresPlanDirectory(sql).planOf(org);
      expect(plan.planId).toBe('starter');
      expect(plan.limits.agents).toBe(2);
      // The override's null wins over the plan's 1,000: unlimited for this tenant.
      expect(plan.limits.messagesPerMonth).toBeNull();
      expect(plan.features.webhooks).toBe(false);
      expect(plan.features.attachments).toBe(true);
    });

    test('a tenant without a plan gets the default plan, or none', async () => {
      expect((await new PostgresPlanDirectory(sql).planOf(bare)).planId).toBeNull();
      const withDefault = await new PostgresPlanDirectory(sql, 'free').planOf(bare);
      expect(withDefault.planId).toBe('free');
      expect(withDefault.limits.agents).toBe(1);
    });

    test('a change reaches a process once its copy is older than the cache, or forgotten', async () => {
      let now = 1_000;
      const directory = new PostgresPlanDirectory(sql, null, () => now);
      expect((await directory.planOf(org)).limits.agents).toBe(2);
      await sql`update organizations set plan_overrides = ${sql.json({ limits: { agents: 5 } })}
        where id = ${org}`;
      expect((await directory.planOf(org)).limits.agents).toBe(2);
      now += 10_001;
      expect((await directory.planOf(org)).limits.agents).toBe(5);
      await sql`update organizations set plan_id = 'free', plan_overrides = '{}' where id = ${org}`;
      directory.forget(org);
      expect((await directory.planOf(org)).planId).toBe('free');
    });

    test('one query answers every tenant asked in one tick, unknown ones without a plan', async () => {
      const directory = new PostgresPlanDirectory(sql);
      const [a, b, c] = await Promise.all([
        directory.planOf(org),
        directory.planOf(bare),
        directory.planOf('not-a-uuid'),
      ]);
      expect(a.planId).not.toBeNull();
      expect(b.planId).toBeNull();
      expect(c.planId).toBeNull();
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@flc/storage/postgres';
import { databaseTargets } from '../../testing/harness.ts';
import { applyConfiguredPlans, PlansConfigError, readPlansFile } from './config-plans.ts';

const dir = join(tmpdir(), `flc-plans-${crypto.randomUUID()}`);
let n = 0;
function file(content: unknown): string {
  n += 1;
  const path = `${dir}-${n}.json`;
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
afterAll(() => {
  for (let i = 1; i <= n; i++) rmSync(`${dir}-${i}.json`, { force: true });
});

/** The message a bad file stops start-up with. */
async function problem(content: unknown): Promise<string> {
  const error = await readPlansFile(file(content)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PlansConfigError);
  return (error as Error).message;
}

describe('FLC_PLANS_FILE', () => {
  test('a bad file is refused with the field that is wrong', async () => {
    expect(await problem([{ id: 'ok', name: 'Ok', limits: { agents: 'three' } }])).toContain(
      '[0].limits.agents',
    );
    expect(
      await problem([
        { id: 'ok', name: 'Ok' },
        { id: 'Bad Id', name: 'x' },
      ]),
    ).toContain('[1].id');
    expect(await problem([{ id: 'ok', name: 'Ok', limits: { seats: 3 } }])).toContain('[0].limits');
    expect(await problem([{ id: 'ok', name: 'Ok', features: { sso: 'no' } }])).toContain(
      '[0].features.sso',
    );
    expect(
      await problem([
        { id: 'ok', name: 'A' },
        { id: 'ok', name: 'B' },
      ]),
    ).toContain('[1].id: "ok" is given twice');
    expect(await problem('{not json')).toContain('not valid JSON');
    expect(await problem({ id: 'ok' })).toContain('(the file)');
    const missing = await readPlansFile(`${dir}-missing.json`).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('no such file');
  });
});

for (const target of databaseTargets()) {
  describe(`configured plans on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(() => db.close());

    test("the file's plans are written as config plans, again at each start", async () => {
      await db.sql`insert into plans (id, name, source) values ('pro', 'Pro (api)', 'api')`;
      const plansFile = file([
        { id: 'starter', name: 'Starter', limits: { agents: 3 }, features: { sso: false } },
        { id: 'pro', name: 'Pro', limits: { agents: null } },
      ]);
      expect(await applyConfiguredPlans(db.sql, { plansFile, defaultPlan: 'starter' })).toBe(2);
      expect(await applyConfiguredPlans(db.sql, { plansFile })).toBe(2);
      const rows = await db.sql<{ id: string; name: string; source: string; limits: object }[]>`
        select id, name, source, limits from plans where id in ('starter', 'pro') order by id`;
      expect([...rows]).toEqual([
        { id: 'pro', name: 'Pro', source: 'config', limits: { agents: null } },
        { id: 'starter', name: 'Starter', source: 'config', limits: { agents: 3 } },
      ]);
    });

    test('FLC_DEFAULT_PLAN naming no plan stops start-up', async () => {
      const error = await applyConfiguredPlans(db.sql, { defaultPlan: 'gold' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PlansConfigError);
      expect((error as Error).message).toContain('FLC_DEFAULT_PLAN "gold" is not a plan');
    });
  });
}

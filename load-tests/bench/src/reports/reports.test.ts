import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Database } from '@flc/storage/postgres';
import { pgliteTarget, postgresTarget } from '@flc/storage/testing';
import { formatTimings, timeReportQueries } from './run.ts';
import { type ReportTenant, seedReportTenant } from './seed.ts';

// `bun run bench:reports` at its smallest, so its seeding and queries cannot rot: 2,000 messages
// on PGlite and PostgreSQL, each report run once; the figures agree with the rows seeded.
for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`reports benchmark, smallest size, on ${target.name}`, () => {
    let db: Database;
    let tenant: ReportTenant;
    beforeAll(async () => {
      db = await target.open();
      tenant = await seedReportTenant(db.sql, 2_000, '2026-06-30');
    }, 60_000);
    afterAll(() => db.close());

    test('seeds a year of conversations and times every report', async () => {
      const [seeded] = await db.sql<{ conversations: number; messages: number; closed: number }[]>`
        select count(*)::int as conversations,
          (select count(*)::int from messages where organization_id = ${tenant.organizationId}) as messages,
          count(closed_at)::int as closed
        from conversations where organization_id = ${tenant.organizationId}`;
      expect(seeded).toEqual({ conversations: 200, messages: 2_000, closed: 180 });
      // First replies come from the messages' times: seq 2 is the first agent message.
      const [mismatch] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from conversations c join messages m
          on m.conversation_id = c.id and m.seq = 2
        where c.organization_id = ${tenant.organizationId} and m.created_at <> c.first_reply_at`;
      expect(mismatch?.n).toBe(0);

      const timings = await timeReportQueries(db.sql, tenant, 1);
      expect(timings.map((t) => t.name)).toHaveLength(5);
      const found = Object.fromEntries(timings.map((t) => [t.name, t.found]));
      expect(found['overview, year, UTC']).toBe(200);
      expect(found['overview, year, New York, one environment']).toBeGreaterThan(80);
      expect(found['overview, year, New York, one environment']).toBeLessThan(120);
      expect(found['agents, year']).toBe(20);
      expect(found['teams, year']).toBe(4);
      for (const t of timings) expect(t.runs.every((ms) => ms > 0)).toBe(true);
      expect(formatTimings(tenant, timings, target.name)[0]).toContain('2,000 messages');
    }, 60_000);
  });
}

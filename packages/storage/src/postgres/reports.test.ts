import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { pgliteTarget, postgresTarget } from '../testing/index.ts';
import type { Database, Queryable } from './database.ts';
import { PostgresReports, type ReportRange } from './reports.ts';

// The reports on a small hand-made tenant, on PGlite and PostgreSQL, with every figure worked
// out by hand (percentile_cont interpolates: p90 of n sorted values is at 0.9 × (n − 1)).
// The range is 1–3 March 2026 in Seoul (UTC+9): [28 Feb 15:00Z, 3 Mar 15:00Z). 1 March is a
// Sunday. A second organization holds a copy of a conversation at the same times; it never counts.

const id = () => Bun.randomUUIDv7();
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

interface Tenant {
  org: string;
  prod: string;
  staging: string;
  contact: string;
  ann: string;
  bob: string;
  team: string;
}

async function seedTenant(sql: Queryable, name: string): Promise<Tenant> {
  const t = {
    org: id(),
    prod: id(),
    staging: id(),
    contact: id(),
    ann: id(),
    bob: id(),
    team: id(),
  };
  await sql`insert into organizations (id, name) values (${t.org}, ${name})`;
  for (const env of [t.prod, t.staging]) {
    await sql`
      insert into environments (id, organization_id, name, plugin_key, identity_secret)
      values (${env}, ${t.org}, ${env === t.prod ? 'Production' : 'Staging'}, ${`pk_${env}`}, 's')`;
  }
  await sql`
    insert into contacts (id, organization_id, environment_id, name)
    values (${t.contact}, ${t.org}, ${t.prod}, 'Vic')`;
  const agents: [string, string, string][] = [
    [t.ann, 'Ann', 'active'],
    [t.bob, 'bob', 'active'],
    [id(), 'Cy', 'disabled'],
    [id(), 'Dee', 'active'],
  ];
  for (const [agentId, agentName, status] of agents) {
    await sql`
      insert into agents (id, organization_id, email, name, role, status, handle)
      values (${agentId}, ${t.org}, ${`${agentId}@example.com`}, ${agentName}, 'agent', ${status},
              ${`h${agentId.replaceAll('-', '')}`})`;
  }
  await sql`insert into teams (id, organization_id, name) values (${t.team}, ${t.org}, 'Support')`;
  await sql`insert into teams (id, organization_id, name) values (${id()}, ${t.org}, 'Empty')`;
  return t;
}

interface Row {
  created: string;
  env: 'prod' | 'staging';
  reply?: [seconds: number, by: 'ann' | 'bob'];
  close?: [seconds: number, by: 'ann' | 'bob'];
  team?: boolean;
  rating?: [score: number, ratedAt: string];
}

async function seedConversation(sql: Queryable, t: Tenant, r: Row): Promise<void> {
  const conversationId = id();
  const created = at(r.created);
  await sql`
    insert into conversations (id, organization_id, environment_id, contact_id, status,
      assignee_id, team_id, created_at, first_reply_at, first_reply_agent_id, closed_at)
    values (${conversationId}, ${t.org}, ${r.env === 'prod' ? t.prod : t.staging}, ${t.contact},
      ${r.close ? 'closed' : 'open'}, ${r.close ? t[r.close[1]] : null},
      ${r.team ? t.team : null}, ${created},
      ${r.reply ? at(r.created, r.reply[0]) : null}, ${r.reply ? t[r.reply[1]] : null},
      ${r.close ? at(r.created, r.close[0]) : null})`;
  if (r.rating) {
    await sql`
      insert into conversation_ratings (conversation_id, organization_id, environment_id, score,
        assignee_id, first_rated_at, rated_at)
      values (${conversationId}, ${t.org}, ${t.prod}, ${r.rating[0]}, ${r.close ? t[r.close[1]] : null},
        ${at(r.rating[1])}, ${at(r.rating[1])})`;
  }
}

const rows: Row[] = [
  // c1 Sun 00:30 Seoul
  {
    created: '2026-02-28T15:30:00Z',
    env: 'prod',
    reply: [60, 'ann'],
    close: [600, 'ann'],
    team: true,
    rating: [5, '2026-02-28T15:45:00Z'],
  },
  // c2 Sun 10:00
  {
    created: '2026-03-01T01:00:00Z',
    env: 'prod',
    reply: [120, 'bob'],
    close: [1200, 'bob'],
    team: true,
    rating: [3, '2026-03-01T01:30:00Z'],
  },
  // c3 Sun 11:00, staging, still open
  { created: '2026-03-01T02:00:00Z', env: 'staging', reply: [180, 'ann'] },
  // c4 Mon 12:00
  {
    created: '2026-03-02T03:00:00Z',
    env: 'prod',
    reply: [240, 'ann'],
    close: [3000, 'ann'],
    team: true,
    rating: [4, '2026-03-02T04:00:00Z'],
  },
  // c5 Mon 13:00, c6 Mon 14:00 (never answered)
  { created: '2026-03-02T04:00:00Z', env: 'prod', reply: [300, 'bob'] },
  { created: '2026-03-02T05:00:00Z', env: 'prod' },
  // c7 opened Sat 23:30 (before the range), closed in it on Sun 09:00: 34,200 s
  { created: '2026-02-28T14:30:00Z', env: 'prod', reply: [30, 'ann'], close: [34_200, 'ann'] },
  // c8 opened Wed 00:00 Seoul: the day after the range
  { created: '2026-03-03T15:00:00Z', env: 'prod', reply: [10, 'bob'], close: [20, 'bob'] },
];

const none = { count: 0, median: null, p90: null };

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`reports on ${target.name}`, () => {
    let db: Database;
    let reports: PostgresReports;
    let a: Tenant;
    let range: ReportRange;
    beforeAll(async () => {
      db = await target.open();
      reports = new PostgresReports(db.sql);
      a = await seedTenant(db.sql, 'A');
      const b = await seedTenant(db.sql, 'B');
      for (const r of rows) await seedConversation(db.sql, a, r);
      // The other tenant: the same first conversation, at the same times.
      await seedConversation(db.sql, b, rows[0] as Row);
      range = {
        organizationId: a.org,
        from: '2026-03-01',
        to: '2026-03-03',
        timeZone: 'Asia/Seoul',
      };
    }, 60_000);
    afterAll(() => db.close());

    test('totals, every day of the range and the hour-of-week heat map', async () => {
      const overview = await reports.overview(range);
      expect(overview.totals).toEqual({
        opened: 6,
        closed: 4,
        // 60, 120, 180, 240, 300: p90 at 3.6 → 240 + 0.6 × 60
        firstResponse: { count: 5, median: 180, p90: 276 },
        // 600, 1200, 3000, 34200: median (1200 + 3000) / 2; p90 at 2.7 → 3000 + 0.7 × 31200
        resolution: { count: 4, median: 2100, p90: 24_840 },
        satisfaction: { count: 3, average: 4 },
        scores: [0, 0, 1, 1, 1],
      });
      expect(overview.days).toEqual([
        {
          date: '2026-03-01',
          opened: 3,
          closed: 3,
          firstResponse: { count: 3, median: 120, p90: 168 },
          // 600, 1200, 34200: p90 at 1.8 → 1200 + 0.8 × 33000
          resolution: { count: 3, median: 1200, p90: 27_600 },
          satisfaction: { count: 2, average: 4 },
        },
        {
          date: '2026-03-02',
          opened: 3,
          closed: 1,
          firstResponse: { count: 2, median: 270, p90: 294 },
          resolution: { count: 1, median: 3000, p90: 3000 },
          satisfaction: { count: 1, average: 4 },
        },
        {
          date: '2026-03-03',
          opened: 0,
          closed: 0,
          firstResponse: none,
          resolution: none,
          satisfaction: { count: 0, average: null },
        },
      ]);
      const expected = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
      for (const h of [0, 10, 11]) (expected[6] as number[])[h] = 1; // Sunday
      for (const h of [12, 13, 14]) (expected[0] as number[])[h] = 1; // Monday
      expect(overview.heatmap).toEqual(expected);
    });

    test('the environment filter and another time zone move the figures', async () => {
      const prod = await reports.overview({ ...range, environmentId: a.prod });
      expect(prod.totals.opened).toBe(5);
      // 60, 120, 240, 300: p90 at 2.7 → 240 + 0.7 × 60
      expect(prod.totals.firstResponse).toEqual({ count: 4, median: 180, p90: 282 });
      const staging = await reports.overview({ ...range, environmentId: a.staging });
      expect(staging.totals).toMatchObject({ opened: 1, closed: 0 });
      expect(staging.totals.satisfaction).toEqual({ count: 0, average: null });
      // In UTC, 1–3 March starts at 00:00Z: c1 (28 Feb 15:30Z) falls out, c8 comes in.
      const utc = await reports.overview({ ...range, timeZone: 'UTC' });
      expect(utc.totals.opened).toBe(6);
      expect(utc.days.map((d) => d.opened)).toEqual([2, 3, 1]);
      expect((utc.heatmap[6] as number[])[1]).toBe(1); // c2, Sunday 01:00Z
    });

    test('per agent: first replies, closes and ratings; inactive agents without figures left out', async () => {
      const agents = await reports.agents(range);
      expect(agents.map((x) => x.name)).toEqual(['Ann', 'bob', 'Dee']);
      expect(agents[0]).toEqual({
        agentId: a.ann,
        name: 'Ann',
        // 60, 180, 240: p90 at 1.8 → 180 + 0.8 × 60
        firstResponse: { count: 3, median: 180, p90: 228 },
        // 600, 3000, 34200: p90 at 1.8 → 3000 + 0.8 × 31200
        resolution: { count: 3, median: 3000, p90: 27_960 },
        satisfaction: { count: 2, average: 4.5 },
      });
      expect(agents[1]).toEqual({
        agentId: a.bob,
        name: 'bob',
        firstResponse: { count: 2, median: 210, p90: 282 },
        resolution: { count: 1, median: 1200, p90: 1200 },
        satisfaction: { count: 1, average: 3 },
      });
      expect(agents[2]).toMatchObject({ firstResponse: none, resolution: none });
    });

    test('per team', async () => {
      const teams = await reports.teams(range);
      expect(teams.map((x) => x.name)).toEqual(['Empty', 'Support']);
      expect(teams[0]).toMatchObject({ opened: 0, firstResponse: none, resolution: none });
      expect(teams[1]).toEqual({
        teamId: a.team,
        name: 'Support',
        opened: 3,
        // 60, 120, 240: p90 at 1.8 → 120 + 0.8 × 120
        firstResponse: { count: 3, median: 120, p90: 216 },
        resolution: { count: 3, median: 1200, p90: 2640 },
        satisfaction: { count: 3, average: 4 },
      });
    });

    test('an organization without conversations reads zeros, never another tenant’s rows', async () => {
      const empty = await seedTenant(db.sql, 'C');
      const overview = await reports.overview({ ...range, organizationId: empty.org });
      expect(overview.totals).toEqual({
        opened: 0,
        closed: 0,
        firstResponse: none,
        resolution: none,
        satisfaction: { count: 0, average: null },
        scores: [0, 0, 0, 0, 0],
      });
      expect(overview.heatmap.flat().every((n) => n === 0)).toBe(true);
      expect(
        (await reports.teams({ ...range, organizationId: empty.org })).map((t) => t.opened),
      ).toEqual([0, 0]);
    });
  });
}

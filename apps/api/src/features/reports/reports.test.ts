import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// GET /v1/reports/...: who may read them, what a key sees, the checks on the range, the CSV,
// and that one tenant's conversations never count in another's. The figures themselves are
// worked out by hand in packages/storage/src/postgres/reports.test.ts.
const today = new Date().toISOString().slice(0, 10);

for (const target of databaseTargets()) {
  describe(`reports API on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    let other: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest, { name: 'Reported' });
      other = await chatTenant(api.rest, { name: 'Other' });
      // Reported: a conversation answered, closed and rated 4. Other: two, never answered.
      const v = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, v);
      const token = tenant.owner.accessToken;
      const reply = await api.call('POST', `/v1/conversations/${c.id}/messages`, {
        token,
        body: { body: 'Hello, how can I help?' },
      });
      expect(reply.status).toBe(201);
      await api.call('PATCH', `/v1/conversations/${c.id}`, {
        token,
        body: { assigneeId: tenant.owner.agent.id },
      });
      await api.call('PATCH', `/v1/conversations/${c.id}`, { token, body: { status: 'closed' } });
      const rated = await api.call('POST', `/v1/widget/conversations/${c.id}/rating`, {
        token: v.sessionToken,
        body: { score: 4 },
      });
      expect(rated.status).toBe(200);
      for (let i = 0; i < 2; i++)
        await openConversation(api.rest, await bootVisitor(api.rest, other));
    }, 60_000);
    afterAll(() => api.close());

    const get = (path: string, auth: { token?: string; headers?: Record<string, string> }) =>
      api.call('GET', `/v1/reports/${path}`, auth);

    test("owners and admins read their organization's figures; agents get 403", async () => {
      const res = await get('overview', { token: tenant.owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // The default range: the 30 days up to today, in UTC.
      expect(res.body).toMatchObject({ to: today, timeZone: 'UTC' });
      expect(res.body.days).toHaveLength(30);
      expect(res.body.totals).toMatchObject({
        opened: 1,
        closed: 1,
        firstResponse: { count: 1 },
        resolution: { count: 1 },
        satisfaction: { count: 1, average: 4 },
        scores: [0, 0, 0, 1, 0],
      });
      expect(res.body.totals.firstResponse.median).toBeGreaterThanOrEqual(0);
      expect(res.body.days.at(-1)).toMatchObject({ date: today, opened: 1, closed: 1 });
      expect(res.body.heatmap.flat().reduce((a: number, b: number) => a + b, 0)).toBe(1);

      const agents = await get('agents', { token: tenant.owner.accessToken });
      expect(agents.body.items).toEqual([
        expect.objectContaining({
          agentId: tenant.owner.agent.id,
          firstResponse: expect.objectContaining({ count: 1 }),
          resolution: expect.objectContaining({ count: 1 }),
          satisfaction: { count: 1, average: 4 },
        }),
      ]);
      const admin = await api.addMember(tenant.owner, 'admin');
      expect((await get('teams', { token: admin.accessToken })).status).toBe(200);
      const agent = await api.addMember(tenant.owner, 'agent');
      for (const path of ['overview', 'agents', 'teams', 'export/days']) {
        const refused = await get(path, { token: agent.accessToken });
        expect({ path, status: refused.status, code: refused.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'forbidden',
        });
        expect((await get(path, {})).status).toBe(401);
      }
    });

    test("another organization's conversations and environments are never reached", async () => {
      const theirs = await get('overview', { token: other.owner.accessToken });
      expect(theirs.body.totals).toMatchObject({ opened: 2, closed: 0 });
      expect(theirs.body.totals.satisfaction).toEqual({ count: 0, average: null });
      const foreignEnv = await get(`overview?environmentId=${other.env.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(foreignEnv.status).toBe(404);
      const theirAgents = await get('agents', { token: other.owner.accessToken });
      expect(theirAgents.body.items.map((a: { agentId: string }) => a.agentId)).toEqual([
        other.owner.agent.id,
      ]);
    });

    test('an API key reads its own environment only', async () => {
      const staging = await chatTenant(api.rest, { owner: tenant.owner });
      await openConversation(api.rest, await bootVisitor(api.rest, staging));
      const all = await get('overview', { token: tenant.owner.accessToken });
      expect(all.body.totals.opened).toBe(2);
      const byKey = await get('overview', { headers: tenant.keyHeaders });
      expect(byKey.status).toBe(200);
      expect(byKey.body.totals.opened).toBe(1);
      const stagingByKey = await get('overview', { headers: staging.keyHeaders });
      expect(stagingByKey.body.totals).toMatchObject({ opened: 1, closed: 0 });
      const elsewhere = await get(`overview?environmentId=${staging.env.id}`, {
        headers: tenant.keyHeaders,
      });
      expect(elsewhere.status).toBe(404);
      const narrowed = await get(`overview?environmentId=${staging.env.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(narrowed.body.totals.opened).toBe(1);
    });

    test('a bad range or time zone is a 422 that says which', async () => {
      const token = tenant.owner.accessToken;
      for (const [query, path] of [
        ['from=2026-03-02&to=2026-03-01', 'query.from'],
        ['from=2025-01-01&to=2026-01-02', 'query.from'], // 367 days
        ['from=2026-02-30&to=2026-03-01', 'query.from'],
        ['to=2026-13-01', 'query.to'],
        ['timeZone=%2B05%3A00', 'query.timeZone'],
        ['timeZone=Mars%2FOlympus_Mons', 'query.timeZone'],
        ['from=yesterday', 'query.from'],
        ['environmentId=nope', 'query.environmentId'],
      ] as const) {
        const res = await get(`overview?${query}`, { token });
        expect({ query, status: res.status }).toEqual({ query, status: 422 });
        const paths = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
        expect({ query, paths }).toEqual({ query, paths: expect.arrayContaining([path]) });
      }
      const leap = await get('overview?from=2024-01-01&to=2024-12-31&timeZone=Asia%2FSeoul', {
        token,
      });
      expect(leap.status).toBe(200);
      expect(leap.body.days).toHaveLength(366);
    });

    test('CSV exports: the type, the file name, a header row, and formulas defused', async () => {
      const token = tenant.owner.accessToken;
      const team = await api.call('POST', '/v1/teams', { token, body: { name: '=SUM(A1:A9)' } });
      expect(team.status).toBe(201);
      const range = `from=${today}&to=${today}`;
      const res = await get(`export/teams?${range}`, { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="teams-${today}-${today}.csv"`,
      );
      const lines = (res.body as string).split('\r\n');
      expect(lines[0]).toBe(
        'team_id,name,opened,first_response_count,first_response_median_s,first_response_p90_s,resolution_count,resolution_median_s,resolution_p90_s,satisfaction_count,satisfaction_average',
      );
      expect(lines[1]).toBe(`${team.body.id},'=SUM(A1:A9),0,0,,,0,,,0,`);
      expect(lines.at(-1)).toBe('');

      // Production alone: the staging conversation of the test before is left out.
      const days = await get(`export/days?${range}&environmentId=${tenant.env.id}`, { token });
      const [header, row] = (days.body as string).split('\r\n');
      expect(header?.split(',').slice(0, 3)).toEqual(['date', 'opened', 'closed']);
      expect(row?.split(',').slice(0, 3)).toEqual([today, '1', '1']);
      const heatmap = await get(`export/heatmap?${range}`, { token });
      expect(
        (heatmap.body as string)
          .split('\r\n')
          .slice(1, 8)
          .map((l) => l.split(',')[0]),
      ).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
      const agents = await get(`export/agents?${range}`, { token });
      expect(agents.status).toBe(200);
      expect((agents.body as string).startsWith('agent_id,name,')).toBe(true);
      // An API key lists no agents, so it reads no per-agent figures either.
      for (const path of ['agents', `export/agents?${range}`]) {
        expect((await get(path, { headers: tenant.keyHeaders })).status).toBe(403);
      }
      expect((await get(`export/teams?${range}`, { headers: tenant.keyHeaders })).status).toBe(200);
      expect((await get('export/days?timeZone=Nowhere', { token })).status).toBe(422);
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { logger } from '@flc/log';
import { startPlatformReporter } from '@flc/storage/platform';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`GET /v1/system on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test("the install's first organization's owners see its processes, dependencies and last problems; nobody else", async () => {
      const system = await api.signup('Install');
      const tenant = await api.signup('Tenant');
      let requests = 0;
      const reporter = startPlatformReporter(api.deps, 'api', async () => ({
        gauges: { sockets: 3 },
        counters: { requests },
      }));
      // A problem logged in this process reaches its next report (message and error only).
      logger('system-test').error({ err: new Error('the cause'), token: 'secret' }, 'it failed');
      requests = 50;
      await reporter.reportNow();
      // A process that stopped reporting a minute ago is still listed, as silent.
      await api.deps.processes.report({
        id: 'workers-elsewhere-1',
        role: 'workers',
        version: '0.0.9',
        host: 'elsewhere',
        pid: 1,
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        reportedAt: new Date(Date.now() - 60_000).toISOString(),
        stats: { persisterLag: 12 },
        problems: [],
      });

      const res = await api.call('GET', '/v1/system', { token: system.accessToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.database.status).toBe('ok');
      expect(res.body.redis).toBeNull();
      const byRole = Object.fromEntries(
        res.body.processes.map((p: { role: string }) => [p.role, p]),
      );
      expect(byRole.workers).toMatchObject({
        state: 'silent',
        host: 'elsewhere',
        version: '0.0.9',
      });
      const me = byRole.api;
      expect(me).toMatchObject({ state: 'up', pid: process.pid, version: res.body.version });
      expect(me.stats.sockets).toBe(3);
      expect(me.stats.requestsPerSecond).toBeGreaterThan(0);
      expect(me.stats.rssBytes).toBeGreaterThan(1_000_000);
      expect(me.problems).toContainEqual({
        at: expect.any(String),
        level: 'error',
        component: 'system-test',
        message: 'it failed: the cause',
      });
      expect(JSON.stringify(me.problems)).not.toContain('secret');

      const admin = await api.addMember(system, 'admin');
      for (const other of [admin, tenant]) {
        const refused = await api.call('GET', '/v1/system', { token: other.accessToken });
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
      expect((await api.call('GET', '/v1/system')).status).toBe(401);

      // A process that stops says so: it is gone from the list at once.
      await reporter.stop();
      const after = await api.call('GET', '/v1/system', { token: system.accessToken });
      expect(after.body.processes.map((p: { role: string }) => p.role)).toEqual(['workers']);
    });
  });
}

describe('FLC_SYSTEM_ORGANIZATION_ID', () => {
  test('names the organization whose owners see the system, instead of the first one', async () => {
    const [target] = databaseTargets();
    if (!target) throw new Error('no database target');
    const api = await createTestApi(target, {
      systemOrganizationId: '00000000-0000-4000-8000-000000000001',
    });
    try {
      const first = await api.signup('First');
      const res = await api.call('GET', '/v1/system', { token: first.accessToken });
      expect(res.status).toBe(403);
    } finally {
      await api.close();
    }
  });
});

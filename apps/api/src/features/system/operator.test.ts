import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { eventually } from '@flc/testkit';
import { Metrics } from '../../lib/metrics.ts';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from '../operator/testing.ts';
import { SystemService } from './service.ts';

for (const target of databaseTargets()) {
  describe(`GET /v1/operator/system on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test("operators see the install's processes and stores; agents and strangers do not", async () => {
      const owner = await api.signup('Install');
      await api.deps.processes.report({
        id: 'realtime-node-1',
        role: 'realtime',
        version: '1.2.3',
        host: 'node-1',
        pid: 7,
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        reportedAt: new Date().toISOString(),
        stats: { sockets: 120, receivedPerSecond: 4.5 },
        problems: [
          { at: new Date().toISOString(), level: 'error', component: 'bus', message: 'lost' },
        ],
      });
      const operator = await signedInOperator(api);
      const res = await api.call('GET', '/v1/operator/system', { token: operator.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.database).toEqual({ status: 'ok', latencyMs: expect.any(Number) });
      expect(res.body.redis).toBeNull();
      expect(res.body.processes).toContainEqual(
        expect.objectContaining({
          role: 'realtime',
          state: 'up',
          stats: { sockets: 120, receivedPerSecond: 4.5 },
        }),
      );
      // An agent's token, even the install's owner's, opens no operator route.
      const agent = await api.call('GET', '/v1/operator/system', { token: owner.accessToken });
      expect(agent.status).toBe(401);
      expect((await api.call('GET', '/v1/operator/system')).status).toBe(401);
      // The tenant-side page stays as it was for that owner.
      expect((await api.call('GET', '/v1/system', { token: owner.accessToken })).status).toBe(200);
    });

    test("the stores' state is the probe's last reading (flc_dependency_*), not a new ping", async () => {
      const metrics = new Metrics([{ name: 'postgresql', ping: () => api.deps.db.ping() }]);
      try {
        await eventually('the first ping', () => metrics.dependency('postgresql') !== undefined);
        const reading = metrics.dependency('postgresql');
        const service = new SystemService({ ...api.deps, httpMetrics: metrics });
        const status = await service.status();
        expect(status.database).toEqual({
          status: 'ok',
          latencyMs: Math.round((reading?.seconds ?? -1) * 10_000) / 10,
        });
        expect(metrics.render()).toContain('flc_dependency_up{dependency="postgresql"} 1');
      } finally {
        metrics.stop();
      }
    });
  });
}

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget } from '@flc/storage/testing';
import { createTestApi, type TestApi } from '../testing/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget);
}, 60_000);
afterAll(() => api.close());

const counted = (metrics: string, labels: string) =>
  Number(
    metrics
      .split('\n')
      .find((line) => line.startsWith(`flc_http_requests_total{${labels}}`))
      ?.split(' ')
      .at(-1) ?? 0,
  );

test('/metrics counts each request under the status it was answered with', async () => {
  const owner = await api.signup();
  await api.call('GET', '/v1/no-such-route');
  await api.call('GET', `/v1/agents/${crypto.randomUUID()}`, { token: owner.accessToken });
  await api.call('GET', '/v1/me', {});
  // Requests are counted once their answer has gone out, a turn of the loop after it.
  await new Promise((resolve) => setImmediate(resolve));
  const metrics = String((await api.call('GET', '/metrics')).body);
  expect(counted(metrics, 'method="GET",route="unmatched",status="404"')).toBe(1);
  expect(counted(metrics, 'method="GET",route="/v1/agents/:id",status="404"')).toBe(1);
  expect(counted(metrics, 'method="GET",route="/v1/me",status="401"')).toBe(1);
  expect(counted(metrics, 'method="GET",route="unmatched",status="200"')).toBe(0);
});

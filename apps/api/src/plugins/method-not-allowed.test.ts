import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget } from '@flc/storage/testing';
import { createTestApi, type TestApi } from '../testing/harness.ts';
import { allowedMethods } from './method-not-allowed.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget);
}, 60_000);
afterAll(() => api.close());

test('the methods of a path come from every route whose pattern matches it', () => {
  const allow = allowedMethods([
    { method: 'GET', path: '/v1/things' },
    { method: 'POST', path: '/v1/things' },
    { method: 'PATCH', path: '/v1/things/:id' },
    { method: 'DELETE', path: '/v1/things/:id' },
    { method: 'GET', path: '/v1/things/mine' },
  ]);
  expect(allow('/v1/things')).toBe('GET, HEAD, OPTIONS, POST');
  expect(allow('/v1/things/')).toBe('GET, HEAD, OPTIONS, POST');
  expect(allow('/v1/things/42')).toBe('DELETE, OPTIONS, PATCH');
  expect(allow('/v1/things/mine')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
  expect(allow('/v1/things/42/more')).toBeNull();
  expect(allow('/v1/other')).toBeNull();
});

test('a known path with a method it does not serve is 405 with Allow, not 404', async () => {
  const cases = [
    ['PUT', '/v1/agents', 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', '/health', 'GET, HEAD, OPTIONS'],
    ['GET', '/v1/auth/login', 'OPTIONS, POST'],
    ['POST', `/v1/conversations/${Bun.randomUUIDv7()}`, 'GET, HEAD, OPTIONS, PATCH'],
  ] as const;
  for (const [method, path, allow] of cases) {
    const res = await api.call(method, path);
    expect({ method, path, status: res.status, allow: res.headers.get('allow') }).toEqual({
      method,
      path,
      status: 405,
      allow,
    });
    expect(res.body.error.code).toBe('method_not_allowed');
  }
});

test('OPTIONS tells the methods of a path; an unknown path is still 404', async () => {
  const options = await api.call('OPTIONS', `/v1/environments/${Bun.randomUUIDv7()}`);
  expect(options.status).toBe(204);
  expect(options.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
  const unknown = await api.call('PUT', '/v1/nothing-here');
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('allow')).toBeNull();
  expect(unknown.body.error.code).toBe('not_found');
  // HEAD of a GET route is served, not refused.
  expect((await api.call('HEAD', '/health')).status).toBe(200);
});

test('/metrics counts a 405 as a 405', async () => {
  await api.call('PATCH', '/ready');
  // Requests are counted once their answer has gone out, a turn of the loop after it.
  await new Promise((resolve) => setImmediate(resolve));
  const metrics = String((await api.call('GET', '/metrics')).body);
  expect(metrics).toContain(
    'flc_http_requests_total{method="PATCH",route="unmatched",status="405"} 1',
  );
});

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget } from '@flc/storage/testing';
import { createTestApi, type TestApi } from '../testing/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget);
}, 60_000);
afterAll(() => api.close());

const login = (body: string, type?: string) =>
  api.call('POST', '/v1/auth/login', {
    body,
    headers: type === undefined ? {} : { 'content-type': type },
  });

test('a body that is not JSON is 415: a page elsewhere cannot post a form to the API', async () => {
  for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
    const res = await login('email=a%40b.c&password=secret', type);
    expect({ type, status: res.status }).toEqual({ type, status: 415 });
    expect(res.body.error.code).toBe('unsupported_media_type');
  }
});

test('JSON that is not an object is 422; JSON that does not parse, however deep, is 400', async () => {
  for (const body of ['[1,2]', '"text"', '42', 'null']) {
    const res = await login(body, 'application/json');
    expect({ body, status: res.status }).toEqual({ body, status: 422 });
  }
  expect((await login('{"email":', 'application/json')).status).toBe(400);
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const res = await login(deep, 'application/json');
  expect([400, 422]).toContain(res.status);
  expect(
    (await login('{"email":"a@b.c","password":"x"}', 'application/json; charset=utf-8')).status,
  ).toBe(401);
});

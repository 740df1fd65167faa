import { expect, test } from 'bun:test';
import { Api, ApiError } from './api.ts';
import { SessionStore } from './session.ts';

const memory = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

test('a 429 carries retry-after in seconds on the error', async () => {
  const api = new Api(new SessionStore(memory()), '', async () =>
    json(429, { error: { code: 'rate_limited', message: 'Too many' } }, { 'retry-after': '42' }),
  );
  const error = await api.request('/v1/auth/login', { anonymous: true }).catch((e) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(429);
  expect((error as ApiError).retryAfter).toBe(42);
});

test('a 401 that refresh cannot fix signs out (the router then sends to /login?next=)', async () => {
  const session = new SessionStore(memory());
  session.set({ accessToken: 'not-a-jwt', refreshToken: 'dead' });
  const seen: string[] = [];
  const api = new Api(session, '', async (url) => {
    seen.push(url);
    return json(401, { error: { code: 'unauthorized', message: 'No' } });
  });
  const error = await api.request('/v1/me').catch((e) => e);
  expect((error as ApiError).status).toBe(401);
  expect(session.get()).toBeNull();
  // The expired token was refreshed first (and the refresh was refused): no second refresh.
  expect(seen).toEqual(['/v1/auth/refresh', '/v1/me']);
});

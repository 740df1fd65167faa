import { expect } from 'bun:test';
import type { TestApi } from '../../testing/harness.ts';
import { saveOperator } from './accounts.ts';

export const OPERATOR_PASSWORD = 'operator horse battery staple';

/** An operator made as the CLI makes one, signed in: its token for /v1/operator. */
export async function signedInOperator(
  api: TestApi,
  email = `ops-${crypto.randomUUID()}@example.com`,
) {
  await saveOperator(
    api.deps.db.sql,
    { email, password: OPERATOR_PASSWORD },
    { operator: { id: null, email }, origin: { ip: null, userAgent: 'test' } },
  );
  const res = await api.call('POST', '/v1/operator/session', {
    body: { email, password: OPERATOR_PASSWORD },
  });
  expect(res.status).toBe(200);
  return { email, id: res.body.operator.id as string, token: res.body.accessToken as string };
}

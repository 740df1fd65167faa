import { expect } from 'bun:test';
import type { PlanLimits } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import type { Rest } from '@flc/testkit';
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

/**
 * Puts a tenant on a new plan of these limits the way an operator does, through the operator API
 * of a running platform (`call`): an operator made as the CLI makes one, signed in, the plan
 * created, the tenant moved onto it. Every process of the platform hears of the change at once.
 */
export async function putOnPlan(
  call: Rest,
  sql: Sql,
  organizationId: string,
  limits: PlanLimits,
): Promise<string> {
  const email = `ops-${crypto.randomUUID()}@example.com`;
  await saveOperator(
    sql,
    { email, password: OPERATOR_PASSWORD },
    { operator: { id: null, email }, origin: { ip: null, userAgent: 'test' } },
  );
  const session = await call('POST', '/v1/operator/session', {
    email,
    password: OPERATOR_PASSWORD,
  });
  expect(session.status).toBe(200);
  const auth = { authorization: `Bearer ${session.body.accessToken}` };
  const id = `p${crypto.randomUUID().slice(0, 8)}`;
  const created = await call('POST', '/v1/operator/plans', { id, name: 'Test plan', limits }, auth);
  expect(created.status).toBe(201);
  const moved = await call(
    'PUT',
    `/v1/operator/tenants/${organizationId}/plan`,
    { planId: id },
    auth,
  );
  expect(moved.status).toBe(200);
  return id;
}

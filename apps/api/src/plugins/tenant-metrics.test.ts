import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget } from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, visitorSays } from '@flc/testkit';
import { createTestApi, type TestApi } from '../testing/harness.ts';

// FLC_METRICS_TENANT_LABELS=2: three tenants' messages make two labelled series and "other", and
// the three add up to every message appended.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget, { metricsTenantLabels: 2 });
}, 60_000);
afterAll(() => api.close());

test('/metrics counts messages per tenant under a bounded set of labels', async () => {
  const sent: Record<string, number> = {};
  for (const [name, messages] of [
    ['First', 2],
    ['Second', 1],
    ['Third', 3],
  ] as const) {
    const tenant = await chatTenant(api.rest, { name });
    const visitor = await bootVisitor(api.rest, tenant);
    const { id } = await openConversation(api.rest, visitor);
    for (let i = 0; i < messages; i++) await visitorSays(api.rest, visitor, id, `#${i}`);
    sent[tenant.owner.organization.id] = messages;
  }
  const metrics = String((await api.call('GET', '/metrics')).body);
  const series: Record<string, number> = Object.fromEntries(
    metrics
      .split('\n')
      .filter((line) => line.startsWith('flc_tenant_messages_total{'))
      .map((line) => [/organization="([^"]+)"/.exec(line)?.[1], Number(line.split(' ').at(-1))]),
  );
  expect(Object.keys(series)).toHaveLength(3);
  expect(series.other).toBe(3);
  const labelled = Object.keys(series).filter((k) => k !== 'other');
  for (const org of labelled) expect(series[org]).toBe(sent[org]);
  expect(Object.values(series).reduce((a, b) => a + b, 0)).toBe(6);
});

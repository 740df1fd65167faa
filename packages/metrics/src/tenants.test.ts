import { expect, test } from 'bun:test';
import { Registry } from './registry.ts';
import { registerTenantMetrics, TenantCounts } from './tenants.ts';

const lines = (text: string, name: string) =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`));

test('the first `limit` organizations get a label each; the rest count as "other"', () => {
  const tenants = new TenantCounts(2);
  const registry = new Registry();
  const sockets: Record<string, number> = { c: 4 };
  registerTenantMetrics(registry, tenants, () => sockets);
  for (const org of ['a', 'b', 'a', 'c', 'd', 'e', 'b']) tenants.message(org);
  sockets.a = 1;
  sockets.e = 2;
  const text = registry.render();
  expect(lines(text, 'flc_tenant_messages_total').sort()).toEqual([
    'flc_tenant_messages_total{organization="a"} 2',
    'flc_tenant_messages_total{organization="b"} 2',
    'flc_tenant_messages_total{organization="other"} 3',
  ]);
  // Organizations seen first through their sockets take no label from those already admitted.
  expect(lines(text, 'flc_tenant_sockets').sort()).toEqual([
    'flc_tenant_sockets{organization="a"} 1',
    'flc_tenant_sockets{organization="other"} 6',
  ]);
});

test('0: no per-tenant series at all', () => {
  const tenants = new TenantCounts(0);
  const registry = new Registry();
  registerTenantMetrics(registry, tenants, () => ({ a: 1 }));
  tenants.message('a');
  expect(registry.render()).not.toContain('flc_tenant');
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PostgresUsageRollup, utcDay } from '@flc/storage/postgres';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from './testing.ts';

for (const target of databaseTargets()) {
  describe(`operators read the metered usage on ${target.name}`, () => {
    let api: TestApi;
    let token = '';
    let busy: ChatTenant;
    let quiet: ChatTenant;
    const today = utcDay(new Date());
    const month = `${today.slice(0, 8)}01`;

    beforeAll(async () => {
      api = await createTestApi(target);
      token = (await signedInOperator(api)).token;
      const tag = crypto.randomUUID().slice(0, 8);
      busy = await chatTenant(api.rest, { name: `Busy ${tag}` });
      quiet = await chatTenant(api.rest, { name: `Quiet, "Co" ${tag}` });
      await api.addMember(busy.owner, 'agent');
      // Two visitors of the busy tenant write; one of the quiet tenant only opens a conversation.
      for (const words of [['one', 'two', 'three'], ['four']]) {
        const visitor = await bootVisitor(api.rest, busy);
        const { id } = await openConversation(api.rest, visitor);
        for (const word of words) await visitorSays(api.rest, visitor, id, word);
      }
      await openConversation(api.rest, await bootVisitor(api.rest, quiet));
      await api.deps.db.sql`insert into attachment_usage (organization_id, bytes)
        values (${busy.owner.organization.id}, 4096)`;
      // What the workers' metering round does every FLC_METERING_INTERVAL.
      await new PostgresUsageRollup(api.deps.db.sql, {
        messages: api.deps.messageStore,
        graceMs: 3_600_000,
        report: false,
      }).round();
    }, 60_000);
    afterAll(() => api.close());

    test("this month's usage of every tenant, per day and in total", async () => {
      const res = await api.call('GET', '/v1/operator/usage', { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toMatchObject({ from: month, to: today });
      const days = res.body.days.filter((d: { day: string }) => d.day === today);
      const busyDay = days.find(
        (d: { organizationId: string }) => d.organizationId === busy.owner.organization.id,
      );
      expect(busyDay).toMatchObject({
        messages: 4,
        activeVisitors: 2,
        agentSeats: 2,
        storageBytes: 4096,
        webhookDeliveries: 0,
        closedAt: null,
      });
      const quietDay = days.find(
        (d: { organizationId: string }) => d.organizationId === quiet.owner.organization.id,
      );
      expect(quietDay).toMatchObject({ messages: 0, activeVisitors: 1, agentSeats: 1 });
      const totals = res.body.tenants.find(
        (t: { organizationId: string }) => t.organizationId === busy.owner.organization.id,
      );
      expect(totals).toMatchObject({ messages: 4, activeVisitors: 2, agentSeats: 2, days: 1 });
    });

    test('one tenant only, and its detail shows its month', async () => {
      const id = busy.owner.organization.id;
      const res = await api.call('GET', `/v1/operator/usage?organizationId=${id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.days.map((d: { organizationId: string }) => d.organizationId)).toEqual([id]);
      expect(res.body.tenants).toHaveLength(1);
      const detail = await api.call('GET', `/v1/operator/tenants/${id}`, { token });
      expect(detail.status).toBe(200);
      expect(detail.body.usageThisMonth).toMatchObject({ organizationId: id, messages: 4 });
    });

    test('the same as a CSV file, by format or by Accept', async () => {
      const id = quiet.owner.organization.id;
      const byFormat = await api.call(
        'GET',
        `/v1/operator/usage?format=csv&from=${month}&to=${today}&organizationId=${id}`,
        { token },
      );
      expect(byFormat.status).toBe(200);
      expect(byFormat.headers.get('content-type')).toStartWith('text/csv');
      expect(byFormat.headers.get('content-disposition')).toBe(
        `attachment; filename="usage-${month}-${today}.csv"`,
      );
      const name = (await api.call('GET', `/v1/operator/tenants/${id}`, { token })).body.tenant
        .name;
      expect(byFormat.body).toBe(
        'day,organization_id,tenant,messages,active_visitors,agent_seats,storage_bytes,webhook_deliveries,final\r\n' +
          `${today},${id},"${name.replaceAll('"', '""')}",0,1,1,0,0,no\r\n`,
      );
      const byAccept = await api.call('GET', `/v1/operator/usage?organizationId=${id}`, {
        token,
        headers: { accept: 'text/csv' },
      });
      expect(byAccept.body).toBe(byFormat.body);
    });

    test('a bad range is 422 with what is wrong; only operators read usage', async () => {
      for (const query of [
        'from=2024-03-02&to=2024-03-01',
        'from=2024-02-30&to=2024-03-01',
        'from=2023-01-01&to=2024-03-01',
      ]) {
        const res = await api.call('GET', `/v1/operator/usage?${query}`, { token });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('validation');
        expect(res.body.error.details[0].path).toBe('query.from');
      }
      const notADay = await api.call('GET', '/v1/operator/usage?to=yesterday', { token });
      expect(notADay.status).toBe(422);
      expect((await api.call('GET', '/v1/operator/usage')).status).toBe(401);
      // A tenant's owner never reads any tenant's usage here, its own included.
      const owner = await api.call('GET', '/v1/operator/usage', { token: busy.owner.accessToken });
      expect(owner.status).toBe(401);
    });
  });
}

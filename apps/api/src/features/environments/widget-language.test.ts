import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// The environment's widget language: `auto` by default (each visitor's browser chooses), or one
// language owners and admins fix for every visitor; the widget's boot tells it.
for (const target of databaseTargets()) {
  describe(`the widget language of an environment on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const patch = (token: string, envId: string, body: unknown) =>
      api.call('PATCH', `/v1/environments/${envId}`, { token, body });

    test('auto by default; owners and admins fix a language, the boot tells the widget', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Kotoba' });
      const read = await api.call('GET', `/v1/environments/${tenant.env.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body.widgetLanguage).toBe('auto');
      expect((await bootVisitor(api.rest, tenant)).widgetLanguage).toBe('auto');

      const byOwner = await patch(tenant.owner.accessToken, tenant.env.id, {
        widgetLanguage: 'zh-Hans',
      });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.widgetLanguage).toBe('zh-Hans');
      expect((await bootVisitor(api.rest, tenant)).widgetLanguage).toBe('zh-Hans');

      const admin = await api.addMember(tenant.owner, 'admin');
      const byAdmin = await patch(admin.accessToken, tenant.env.id, { widgetLanguage: 'ar' });
      expect(byAdmin.status).toBe(200);
      // Another change leaves the language as it is.
      const renamed = await patch(admin.accessToken, tenant.env.id, { name: 'Kotoba 2' });
      expect(renamed.body.widgetLanguage).toBe('ar');
      expect((await bootVisitor(api.rest, tenant)).widgetLanguage).toBe('ar');

      const back = await patch(tenant.owner.accessToken, tenant.env.id, { widgetLanguage: 'auto' });
      expect(back.body.widgetLanguage).toBe('auto');

      const created = await api.call('POST', '/v1/environments', {
        token: tenant.owner.accessToken,
        body: { name: 'Tokyo', widgetLanguage: 'ja' },
      });
      expect(created.status).toBe(201);
      expect(created.body.widgetLanguage).toBe('ja');
    });

    test('agents get 403, other tenants 404, and a language the widget lacks 422', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Babel' });
      const agent = await api.addMember(tenant.owner, 'agent');
      const refused = await patch(agent.accessToken, tenant.env.id, { widgetLanguage: 'fr' });
      expect(refused.status).toBe(403);
      const other = await chatTenant(api.rest);
      expect(
        (await patch(other.owner.accessToken, tenant.env.id, { widgetLanguage: 'fr' })).status,
      ).toBe(404);

      for (const widgetLanguage of ['pt', 'zh-TW', 'zh-Hant', 'EN', 'ja-JP', '', null, 3]) {
        const res = await patch(tenant.owner.accessToken, tenant.env.id, { widgetLanguage });
        expect({ widgetLanguage, status: res.status, code: res.body.error?.code }).toEqual({
          widgetLanguage,
          status: 422,
          code: 'validation',
        });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(
          'body.widgetLanguage',
        );
      }
      const unknownOnCreate = await api.call('POST', '/v1/environments', {
        token: tenant.owner.accessToken,
        body: { name: 'X', widgetLanguage: 'klingon' },
      });
      expect(unknownOnCreate.status).toBe(422);
      const read = await api.call('GET', `/v1/environments/${tenant.env.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body.widgetLanguage).toBe('auto');
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

const form = {
  enabled: true,
  intro: 'Tell us who you are',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true },
    { key: 'email', label: 'Email', type: 'email', required: true },
    { key: 'topic', label: 'Topic', type: 'select', required: true, options: ['Sales', 'Help'] },
    { key: 'newsletter', label: 'Send me news', type: 'checkbox', required: false },
  ],
  csatEnabled: true,
};

for (const target of databaseTargets()) {
  describe(`pre-chat form on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000);
    afterAll(() => api.close());

    const path = (envId: string) => `/v1/environments/${envId}/pre-chat-form`;
    const put = (body: unknown, token = tenant.owner.accessToken, envId = tenant.env.id) =>
      api.call('PUT', path(envId), { token, body });

    test('owners set it whole, API keys of the environment read it, others get 403/404', async () => {
      const unset = await api.call('GET', path(tenant.env.id), { token: tenant.owner.accessToken });
      expect(unset.status).toBe(200);
      expect(unset.body).toEqual({
        enabled: false,
        intro: '',
        fields: [],
        csatEnabled: false,
        updatedAt: null,
      });
      const saved = await put(form);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject(form);
      expect(saved.body.updatedAt).toBeString();
      const byKey = await api.call('GET', path(tenant.env.id), { headers: tenant.keyHeaders });
      expect(byKey.body).toEqual(saved.body);
      const keyWrite = await api.call('PUT', path(tenant.env.id), {
        headers: tenant.keyHeaders,
        body: form,
      });
      expect(keyWrite.status).toBe(404);

      const agent = await api.addMember(tenant.owner, 'agent');
      expect(
        (await api.call('GET', path(tenant.env.id), { token: agent.accessToken })).status,
      ).toBe(403);
      expect((await put(form, agent.accessToken)).status).toBe(403);

      // Another tenant's environment, and this tenant's key on another environment: 404.
      const other = await chatTenant(api.rest);
      expect((await put(form, other.owner.accessToken)).status).toBe(404);
      expect(
        (await api.call('GET', path(tenant.env.id), { token: other.owner.accessToken })).status,
      ).toBe(404);
      expect(
        (await api.call('GET', path(other.env.id), { headers: tenant.keyHeaders })).status,
      ).toBe(404);
    });

    test('422 for duplicate keys, wrong built-in types, misplaced options, too many fields', async () => {
      const field = (key: string, type = 'text', extra = {}) => ({
        key,
        label: key,
        type,
        required: false,
        ...extra,
      });
      const cases: [unknown[], string][] = [
        [[field('topic'), field('topic')], '/fields/1/key'],
        [[field('email', 'text')], '/fields/0/type'],
        [[field('size', 'select')], '/fields/0/options'],
        [[field('size', 'text', { options: ['S'] })], '/fields/0/options'],
      ];
      for (const [fields, where] of cases) {
        const res = await put({ ...form, fields });
        expect(res.status).toBe(422);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(where);
      }
      const many = Array.from({ length: 11 }, (_, i) => field(`f${i}`));
      expect((await put({ ...form, fields: many })).status).toBe(422);
      expect((await put({ ...form, fields: [field('Bad Key')] })).status).toBe(422);
      expect((await put({ ...form, fields: [field('x', 'date')] })).status).toBe(422);
      expect((await put({ enabled: true })).status).toBe(422);
      // None of that changed the stored form.
      const stored = await api.call('GET', path(tenant.env.id), {
        token: tenant.owner.accessToken,
      });
      expect(stored.body.fields).toEqual(form.fields);
    });

    test('boot carries it; the answers go on the contact with contact.updated', async () => {
      const t2 = await chatTenant(api.rest);
      expect((await put(form, t2.owner.accessToken, t2.env.id)).status).toBe(200);
      const hook = await api.call('POST', `/v1/environments/${t2.env.id}/webhooks`, {
        token: t2.owner.accessToken,
        body: { url: 'https://hooks.example.com/flc', events: ['contact.updated'] },
      });
      const v = await bootVisitor(api.rest, t2);
      const booted = v as unknown as { preChatForm: unknown; csatEnabled: boolean };
      expect(booted.preChatForm).toEqual({
        intro: form.intro,
        fields: form.fields,
        complete: false,
      });
      expect(booted.csatEnabled).toBe(true);

      const submit = (values: unknown) =>
        api.call('POST', '/v1/widget/pre-chat', { token: v.sessionToken, body: { values } });
      const bad = await submit({ name: ' ', email: 'nope', topic: 'Other', extra: 'x' });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details).toEqual([
        { path: '/values/extra', message: 'Not a field of the form' },
        { path: '/values/name', message: 'Required' },
        { path: '/values/email', message: 'Not an email address' },
        { path: '/values/topic', message: 'Not one of the options' },
      ]);
      const wrongType = await submit({
        name: 'Ada',
        email: 'a@x.io',
        topic: 'Help',
        newsletter: 'y',
      });
      expect(wrongType.body.error.details).toEqual([
        { path: '/values/newsletter', message: 'Expected true or false' },
      ]);

      const ok = await submit({
        name: ' Ada ',
        email: 'ada@example.com',
        topic: 'Help',
        newsletter: true,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ id: v.contact.id, name: 'Ada', email: 'ada@example.com' });
      const contact = await api.call('GET', `/v1/contacts/${v.contact.id}`, {
        token: t2.owner.accessToken,
      });
      expect(contact.body.attributes).toEqual({ topic: 'Help', newsletter: true });
      // The same answers again change nothing and send nothing.
      expect(
        (await submit({ name: 'Ada', email: 'ada@example.com', topic: 'Help', newsletter: true }))
          .status,
      ).toBe(200);
      const deliveries = await api.deps.db.sql<
        { event_type: string; payload: { contact: { name: string } } }[]
      >`
        select event_type, payload from webhook_deliveries where webhook_id = ${hook.body.id}
        order by ordinal`;
      expect(deliveries.map((d) => d.event_type)).toEqual(['contact.updated']);
      expect(deliveries[0]?.payload.contact.name).toBe('Ada');

      const again = await bootVisitor(api.rest, t2, { visitorToken: v.visitorToken });
      expect(
        (again as unknown as { preChatForm: { complete: boolean } }).preChatForm.complete,
      ).toBe(true);

      // Switched off: the boot carries no form and answers are refused.
      await put({ ...form, enabled: false }, t2.owner.accessToken, t2.env.id);
      const off = await bootVisitor(api.rest, t2, { visitorToken: v.visitorToken });
      expect((off as unknown as { preChatForm: unknown }).preChatForm).toBeNull();
      expect((await submit({ name: 'Ada' })).status).toBe(409);
    });
  });
}

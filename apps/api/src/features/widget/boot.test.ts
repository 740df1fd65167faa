import { afterAll, beforeAll, describe, expect, setSystemTime, test } from 'bun:test';
import { boot, bootVisitor, type ChatTenant, chatTenant, memberHash } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`widget boot on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const session = (token: string) => api.call('GET', '/v1/widget/conversations', { token });

    test('an anonymous visitor gets a contact, a session and a visitor token', async () => {
      const res = await boot(api.rest, tenant.env.pluginKey, {
        profile: { name: 'Ada', email: 'ada@example.com' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        contact: { name: 'Ada', email: 'ada@example.com' },
        settings: { color: '#2563eb', position: 'right', greeting: null, launcherText: null },
        conversations: [],
      });
      expect(res.body.visitorToken).toStartWith('flc_vt_');
      expect(Date.parse(res.body.sessionExpiresAt) - Date.now()).toBeWithin(3_590_000, 3_600_001);
      expect((await session(res.body.sessionToken)).status).toBe(200);
      const [row] = await api.deps.db.sql`
        select visitor_token_hash, external_id, last_seen_at from contacts
        where id = ${res.body.contact.id}`;
      expect(row?.visitor_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row?.visitor_token_hash).not.toContain(res.body.visitorToken);
      expect(row?.external_id).toBeNull();
      expect(row?.last_seen_at).toBeInstanceOf(Date);
    });

    test('the visitor token brings the same contact back; an unknown one starts afresh', async () => {
      const first = await bootVisitor(api.rest, tenant);
      const again = await bootVisitor(api.rest, tenant, {
        visitorToken: first.visitorToken,
        profile: { email: 'later@example.com' },
      });
      expect(again.contact.id).toBe(first.contact.id);
      expect(again.visitorToken).toBe(first.visitorToken);
      expect(again.contact.email).toBe('later@example.com');

      const stranger = await bootVisitor(api.rest, tenant, { visitorToken: 'flc_vt_forged' });
      expect(stranger.contact.id).not.toBe(first.contact.id);
      expect(stranger.visitorToken).not.toBe('flc_vt_forged');
      // A token is only good in its own environment.
      const other = await chatTenant(api.rest);
      const elsewhere = await bootVisitor(api.rest, other, { visitorToken: first.visitorToken });
      expect(elsewhere.contact.id).not.toBe(first.contact.id);
    });

    test('identity verification: the right memberHash finds the same contact every time', async () => {
      const memberId = `user-${crypto.randomUUID()}`;
      const hash = memberHash(tenant.env.identitySecret, memberId);
      const first = await bootVisitor(api.rest, tenant, { memberId, memberHash: hash });
      const second = await bootVisitor(api.rest, tenant, {
        memberId,
        memberHash: hash.toUpperCase(),
        profile: { name: 'Grace' },
      });
      expect(second.contact.id).toBe(first.contact.id);
      expect(second.contact.name).toBe('Grace');
      expect(first.visitorToken).toBeNull();
      const [row] = await api.deps.db.sql`
        select external_id, visitor_token_hash from contacts where id = ${first.contact.id}`;
      expect(row).toEqual({ external_id: memberId, visitor_token_hash: null });

      // The device's anonymous token survives logging in and never leads to the member.
      const anonymous = await bootVisitor(api.rest, tenant);
      const loggedIn = await bootVisitor(api.rest, tenant, {
        memberId,
        memberHash: hash,
        visitorToken: anonymous.visitorToken,
      });
      expect(loggedIn.contact.id).toBe(first.contact.id);
      expect(loggedIn.visitorToken).toBe(anonymous.visitorToken);
      const loggedOut = await bootVisitor(api.rest, tenant, {
        visitorToken: anonymous.visitorToken,
      });
      expect(loggedOut.contact.id).toBe(anonymous.contact.id);
    });

    test('a wrong or missing memberHash is 401 and creates nothing', async () => {
      const memberId = `user-${crypto.randomUUID()}`;
      const other = await chatTenant(api.rest);
      const wrong = [
        memberHash(tenant.env.identitySecret, `${memberId}x`),
        memberHash(other.env.identitySecret, memberId),
        'not-hex',
      ];
      for (const hash of wrong) {
        const res = await boot(api.rest, tenant.env.pluginKey, { memberId, memberHash: hash });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 401,
          code: 'unauthorized',
        });
        expect(res.body.error.message).toContain('memberHash does not match');
      }
      const missing = await boot(api.rest, tenant.env.pluginKey, { memberId });
      expect(missing.status).toBe(401);
      expect(missing.body.error.message).toContain('memberHash is required');
      const [row] = await api.deps.db.sql`
        select count(*)::int as n from contacts where external_id = ${memberId}`;
      expect(row?.n).toBe(0);

      const alone = await boot(api.rest, tenant.env.pluginKey, { memberHash: 'abc' });
      expect(alone.status).toBe(422);
      expect(alone.body.error.details).toEqual([
        { path: 'body.memberHash', message: 'memberHash signs a memberId; send both' },
      ]);
    });

    test('an unknown or missing plugin key is 401', async () => {
      const headerSets: Record<string, string>[] = [
        { 'x-plugin-key': 'flc_pk_unknown' },
        {},
        { 'x-plugin-key': 'k'.repeat(300) },
      ];
      for (const headers of headerSets) {
        const res = await api.call('POST', '/v1/widget/boot', { body: {}, headers });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 401,
          code: 'unauthorized',
        });
      }
      // A rotated key stops booting at once.
      const rotated = await api.call(
        'POST',
        `/v1/environments/${tenant.env.id}/plugin-key/rotate`,
        { token: tenant.owner.accessToken },
      );
      expect((await boot(api.rest, tenant.env.pluginKey)).status).toBe(401);
      expect((await boot(api.rest, rotated.body.pluginKey)).status).toBe(200);
      tenant.env.pluginKey = rotated.body.pluginKey;
    });

    test('Origin must be one of the allowed origins when the list is set', async () => {
      const shop = await chatTenant(api.rest, { allowedOrigins: ['https://shop.example.com'] });
      const key = shop.env.pluginKey;
      const allowed = await boot(api.rest, key, {}, { origin: 'https://shop.example.com' });
      expect(allowed.status).toBe(200);
      for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}] as Record<
        string,
        string
      >[]) {
        const res = await boot(api.rest, key, {}, headers);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 403,
          code: 'forbidden',
        });
      }
      // The session is bound to the allowed origins too, whenever a browser names one.
      const token = allowed.body.sessionToken;
      const call = (origin?: string) =>
        api.call('GET', '/v1/widget/conversations', {
          token,
          headers: origin ? { origin } : {},
        });
      expect((await call('https://shop.example.com')).status).toBe(200);
      expect((await call()).status).toBe(200);
      expect((await call('https://evil.example')).status).toBe(403);
      // An empty list lets any origin in.
      expect(
        (await boot(api.rest, tenant.env.pluginKey, {}, { origin: 'https://any.example' })).status,
      ).toBe(200);
    });

    test('widget settings: defaults, then what the tenant set', async () => {
      const t = await chatTenant(api.rest);
      const patched = await api.call('PATCH', `/v1/environments/${t.env.id}`, {
        token: t.owner.accessToken,
        body: { widgetSettings: { color: '#FF0066', position: 'left', greeting: 'Hi there!' } },
      });
      expect(patched.status).toBe(200);
      expect((await boot(api.rest, t.env.pluginKey)).body.settings).toEqual({
        color: '#FF0066',
        position: 'left',
        greeting: 'Hi there!',
        launcherText: null,
      });
      const reset = await api.call('PATCH', `/v1/environments/${t.env.id}`, {
        token: t.owner.accessToken,
        body: { widgetSettings: { color: null, launcherText: 'Chat' } },
      });
      expect(reset.body.widgetSettings).toEqual({
        color: '#2563eb',
        position: 'left',
        greeting: 'Hi there!',
        launcherText: 'Chat',
      });
      const bad = await api.call('PATCH', `/v1/environments/${t.env.id}`, {
        token: t.owner.accessToken,
        body: { widgetSettings: { color: 'red', position: 'top' } },
      });
      expect(bad.status).toBe(422);
      const paths = bad.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toContain('body.widgetSettings.color');
      expect(paths).toContain('body.widgetSettings.position');
    });

    test('session tokens: missing, forged, expired, of an agent, or of a deleted contact are 401', async () => {
      const v = await bootVisitor(api.rest, tenant);
      const [head, payload] = v.sessionToken.split('.');
      const forged = `${head}.${payload}.${'A'.repeat(43)}`;
      const short = await createTestApi(target, { visitorTokenTtl: 60 });
      try {
        const t = await chatTenant(short.rest);
        const expiring = (await boot(short.rest, t.env.pluginKey)).body.sessionToken;
        setSystemTime(new Date(Date.now() + 120_000));
        try {
          const res = await short.call('GET', '/v1/widget/conversations', { token: expiring });
          expect(res.status).toBe(401);
        } finally {
          setSystemTime();
        }
      } finally {
        await short.close();
      }
      for (const token of [undefined, 'garbage', forged, tenant.owner.accessToken]) {
        const res = await session(token as string);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 401,
          code: 'unauthorized',
        });
      }
      // And a visitor token is no agent token.
      const asAgent = await api.call('GET', '/v1/conversations', { token: v.sessionToken });
      expect(asAgent.status).toBe(401);

      await api.deps.db.sql`delete from contacts where id = ${v.contact.id}`;
      expect((await session(v.sessionToken)).status).toBe(401);
      const doomed = await chatTenant(api.rest);
      const w = await bootVisitor(api.rest, doomed);
      await api.call('DELETE', `/v1/environments/${doomed.env.id}`, {
        token: doomed.owner.accessToken,
      });
      expect((await session(w.sessionToken)).status).toBe(401);
    });

    test('CORS: preflights pass, and answers (errors too) carry the header', async () => {
      const preflight = await api.call('OPTIONS', '/v1/widget/boot', {
        headers: {
          origin: 'https://shop.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-plugin-key',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-plugin-key');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('traceparent');
      const denied = await boot(api.rest, 'flc_pk_unknown');
      expect(denied.headers.get('access-control-allow-origin')).toBe('*');
      // The widget's page can read the request id it may quote, from errors too.
      expect(denied.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(denied.headers.get('x-request-id')).toBe(denied.body.error.requestId);
      const ok = await boot(api.rest, tenant.env.pluginKey);
      expect(ok.headers.get('access-control-allow-origin')).toBe('*');
      // Only the widget is open to other origins.
      const inbox = await api.call('GET', '/v1/conversations', { token: tenant.owner.accessToken });
      expect(inbox.headers.get('access-control-allow-origin')).toBeNull();
    });

    test('invalid boot bodies are 422 with details', async () => {
      const res = await boot(api.rest, tenant.env.pluginKey, {
        memberId: '',
        profile: { email: 'not-an-email' },
      });
      expect(res.status).toBe(422);
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toContain('body.memberId');
      expect(paths).toContain('body.profile.email');
      // No body at all is an anonymous boot.
      const bare = await api.call('POST', '/v1/widget/boot', {
        headers: { 'x-plugin-key': tenant.env.pluginKey },
      });
      expect(bare.status).toBe(200);
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { platformTopic } from '@flc/core';
import { bootVisitor, type ChatTenant, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

const allDay = [{ start: '00:00', end: '24:00' }];
const week = (intervals: { start: string; end: string }[]) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: intervals,
  sun: intervals,
});
const hours = {
  enabled: true,
  timeZone: 'Europe/Berlin',
  weekly: {
    ...week([]),
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
  },
  holidays: ['2026-12-25', '2026-12-24'],
  hideOutsideHours: true,
  awayMessage: 'Thanks! We are away and will answer by email.',
  replyTimeMinutes: 20,
};
const today = () => new Date().toISOString().slice(0, 10);

for (const target of databaseTargets()) {
  describe(`business hours on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000);
    afterAll(() => api.close());

    const path = (envId: string) => `/v1/environments/${envId}/business-hours`;
    const put = (body: unknown, token = tenant.owner.accessToken, envId = tenant.env.id) =>
      api.call('PUT', path(envId), { token, body });
    const availability = async (t = tenant) =>
      (await bootVisitor(api.rest, t)) as unknown as {
        availability: Record<string, unknown>;
        contact: { id: string; email: string | null };
        sessionToken: string;
      };

    test('never set: off, an empty week in UTC', async () => {
      const res = await api.call('GET', path(tenant.env.id), { token: tenant.owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        enabled: false,
        timeZone: 'UTC',
        weekly: week([]),
        holidays: [],
        hideOutsideHours: false,
        awayMessage: null,
        replyTimeMinutes: null,
        updatedAt: null,
      });
    });

    test('owners set them whole (holidays sorted), audited; API keys of the environment too', async () => {
      const saved = await put(hours);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ ...hours, holidays: ['2026-12-24', '2026-12-25'] });
      expect(saved.body.updatedAt).toBeString();
      const read = await api.call('GET', path(tenant.env.id), { headers: tenant.keyHeaders });
      expect(read.body).toEqual(saved.body);

      const byKey = await api.call('PUT', path(tenant.env.id), {
        headers: tenant.keyHeaders,
        body: { ...hours, replyTimeMinutes: 30 },
      });
      expect(byKey.status).toBe(200);
      expect(byKey.body.replyTimeMinutes).toBe(30);

      const audit = await api.call('GET', '/v1/audit-events?action=environment.business_hours', {
        token: tenant.owner.accessToken,
      });
      const changes = audit.body.items.filter(
        (e: { action: string }) => e.action === 'environment.business_hours_changed',
      );
      expect(changes.length).toBe(2);
      expect(changes.map((e: { actor: { kind: string } }) => e.actor.kind).sort()).toEqual([
        'agent',
        'api_key',
      ]);
      expect(JSON.stringify(changes)).not.toContain(hours.awayMessage);
    });

    test('a save is announced to every process (the realtime nodes read the hours again)', async () => {
      const announced = new Promise<string>((resolve) => {
        void api.deps.bus.subscribe(platformTopic, (event) => {
          if (event.type === 'signal' && event.frame.startsWith('{"t":"hours"'))
            resolve(event.frame);
        });
      });
      expect((await put({ ...hours, replyTimeMinutes: 40 })).status).toBe(200);
      expect(JSON.parse(await announced)).toEqual({ t: 'hours', environmentId: tenant.env.id });
    });

    test('agents get 403; other tenants and other environments’ keys 404', async () => {
      const agent = await api.addMember(tenant.owner, 'agent');
      expect(
        (await api.call('GET', path(tenant.env.id), { token: agent.accessToken })).status,
      ).toBe(403);
      expect((await put(hours, agent.accessToken)).status).toBe(403);
      const other = await chatTenant(api.rest);
      expect((await put(hours, other.owner.accessToken)).status).toBe(404);
      expect(
        (await api.call('GET', path(tenant.env.id), { token: other.owner.accessToken })).status,
      ).toBe(404);
      expect(
        (await api.call('GET', path(other.env.id), { headers: tenant.keyHeaders })).status,
      ).toBe(404);
      expect(
        (await api.call('PUT', path(other.env.id), { headers: tenant.keyHeaders, body: hours }))
          .status,
      ).toBe(404);
      // Nothing of ours leaked into theirs.
      const theirs = await api.call('GET', path(other.env.id), { token: other.owner.accessToken });
      expect(theirs.body.updatedAt).toBeNull();
    });

    test('422 with a detail at each fault', async () => {
      const cases: [unknown, string][] = [
        [{ ...hours, timeZone: 'Mars/Olympus' }, '/timeZone'],
        [
          { ...hours, weekly: { ...hours.weekly, tue: [{ start: '18:00', end: '09:00' }] } },
          '/weekly/tue/0/end',
        ],
        [
          {
            ...hours,
            weekly: {
              ...hours.weekly,
              wed: [
                { start: '09:00', end: '13:00' },
                { start: '12:00', end: '18:00' },
              ],
            },
          },
          '/weekly/wed/1/start',
        ],
        [
          {
            ...hours,
            weekly: {
              ...hours.weekly,
              thu: [
                { start: '13:00', end: '18:00' },
                { start: '09:00', end: '12:00' },
              ],
            },
          },
          '/weekly/thu/1/start',
        ],
        [{ ...hours, holidays: ['2026-02-30'] }, '/holidays/0'],
        [{ ...hours, awayMessage: '   ' }, '/awayMessage'],
      ];
      for (const [body, where] of cases) {
        const res = await put(body);
        expect(res.status).toBe(422);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(where);
      }
      const bad: unknown[] = [
        { ...hours, weekly: { ...hours.weekly, fri: [{ start: '9:00', end: '12:00' }] } },
        { ...hours, weekly: { ...hours.weekly, fri: [{ start: '09:00', end: '24:30' }] } },
        {
          ...hours,
          weekly: { ...hours.weekly, fri: Array(7).fill({ start: '09:00', end: '10:00' }) },
        },
        { ...hours, weekly: { mon: [] } },
        { ...hours, holidays: Array.from({ length: 101 }, (_, i) => `2027-01-${i}`) },
        { ...hours, holidays: ['2026-12-24', '2026-12-24'] },
        { ...hours, replyTimeMinutes: 0 },
        { ...hours, awayMessage: 'x'.repeat(1001) },
        { ...hours, enabled: 'yes' },
        [],
      ];
      for (const body of bad) expect((await put(body)).status).toBe(422);
      // None of them changed what was saved.
      const now = await api.call('GET', path(tenant.env.id), { token: tenant.owner.accessToken });
      expect(now.body.timeZone).toBe('Europe/Berlin');
    });

    test('the widget boot says online, away or closed', async () => {
      const t = await chatTenant(api.rest);
      // Never set, nobody online: away (nobody answers, but no hours say closed).
      expect((await availability(t)).availability).toEqual({ state: 'away' });

      // Within hours (all day, every day), nobody online: away, with the reply time.
      await put(
        { ...hours, weekly: week(allDay), holidays: [], replyTimeMinutes: 15 },
        t.owner.accessToken,
        t.env.id,
      );
      expect((await availability(t)).availability).toEqual({ state: 'away', replyTimeMinutes: 15 });

      // Today a holiday: closed until tomorrow 00:00 UTC, hidden as asked.
      await put(
        {
          ...hours,
          timeZone: 'UTC',
          weekly: week(allDay),
          holidays: [today()],
          replyTimeMinutes: null,
        },
        t.owner.accessToken,
        t.env.id,
      );
      const tomorrow = new Date(`${today()}T00:00:00Z`);
      tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
      expect((await availability(t)).availability).toEqual({
        state: 'closed',
        nextOpenAt: tomorrow.toISOString(),
        hidden: true,
      });

      // An agent with a console connected: online, even outside hours.
      await api.deps.presence.connect(t.owner.organization.id, t.owner.agent.id);
      try {
        expect((await availability(t)).availability).toEqual({ state: 'online' });
        // Unless that agent chose away.
        const away = await api.call('PUT', '/v1/me/presence', {
          token: t.owner.accessToken,
          body: { status: 'away' },
        });
        expect(away.status).toBe(200);
        expect((await availability(t)).availability.state).toBe('closed');
      } finally {
        await api.deps.presence.disconnect(t.owner.organization.id, t.owner.agent.id);
      }

      // An empty week never opens: closed without a time, shown when not hidden.
      await put(
        { ...hours, weekly: week([]), hideOutsideHours: false, replyTimeMinutes: null },
        t.owner.accessToken,
        t.env.id,
      );
      expect((await availability(t)).availability).toEqual({ state: 'closed' });
    });

    test('the visitor leaves an email: validated, set once, another one refused', async () => {
      const visitor = await availability();
      expect(visitor.contact.email).toBeNull();
      const leave = (email: unknown) =>
        api.call('PUT', '/v1/widget/contact', { token: visitor.sessionToken, body: { email } });
      expect((await leave('not an email')).status).toBe(422);
      expect((await leave('')).status).toBe(422);
      expect((await leave(42)).status).toBe(422);
      expect(
        (await api.call('PUT', '/v1/widget/contact', { body: { email: 'a@b.co' } })).status,
      ).toBe(401);
      const saved = await leave('ada@example.com');
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ id: visitor.contact.id, email: 'ada@example.com' });
      expect((await leave('ada@example.com')).status).toBe(200);
      expect((await leave('eve@example.com')).status).toBe(409);
      // The agents see it on the contact.
      const contact = await api.call('GET', `/v1/contacts/${saved.body.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(contact.body.email).toBe('ada@example.com');
    });
  });
}

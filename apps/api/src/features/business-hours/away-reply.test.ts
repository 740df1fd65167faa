import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  type Visitor,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

const AWAY = 'We are closed now. Leave your email and we will write back.';
const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

for (const target of databaseTargets()) {
  describe(`away auto-reply on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000);
    afterAll(() => api.close());

    const setHours = async (t: ChatTenant, over: Record<string, unknown> = {}) => {
      const res = await api.call('PUT', `/v1/environments/${t.env.id}/business-hours`, {
        token: t.owner.accessToken,
        body: {
          enabled: true,
          timeZone: 'UTC',
          weekly: closedWeek,
          holidays: [],
          hideOutsideHours: false,
          awayMessage: AWAY,
          replyTimeMinutes: null,
          ...over,
        },
      });
      expect(res.status).toBe(200);
    };
    const history = async (visitor: Visitor, conversationId: string) => {
      const res = await api.call(
        'GET',
        `/v1/widget/conversations/${conversationId}/messages?limit=50`,
        {
          token: visitor.sessionToken,
        },
      );
      expect(res.status).toBe(200);
      return res.body.items as {
        seq: number;
        body: string;
        sender: { type: string; id: string };
      }[];
    };
    const agentSays = (t: ChatTenant, conversationId: string, body: string) =>
      api.call('POST', `/v1/conversations/${conversationId}/messages`, {
        token: t.owner.accessToken,
        body: { body },
      });

    test('closed: the first message gets the away message once, again after an agent replied', async () => {
      await setHours(tenant);
      const visitor = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, visitor);
      await visitorSays(api.rest, visitor, c.id, 'Hello?');
      await visitorSays(api.rest, visitor, c.id, 'Anyone there?');
      let items = await history(visitor, c.id);
      expect(items.map((m) => [m.sender.type, m.body])).toEqual([
        ['visitor', 'Hello?'],
        ['system', AWAY],
        ['visitor', 'Anyone there?'],
      ]);
      // Sent in the environment's name.
      expect(items[1]?.sender.id).toBe(tenant.env.id);

      // The away message leaves the visitor's words unread for the agents.
      const summary = await api.call('GET', `/v1/conversations/${c.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(summary.body.unread).toBe(3);

      expect((await agentSays(tenant, c.id, 'Back now, sorry!')).status).toBe(201);
      await visitorSays(api.rest, visitor, c.id, 'Thanks, one more thing');
      await visitorSays(api.rest, visitor, c.id, 'and another');
      items = await history(visitor, c.id);
      expect(items.filter((m) => m.sender.type === 'system').length).toBe(2);
      expect(items.map((m) => m.sender.type)).toEqual([
        'visitor',
        'system',
        'visitor',
        'agent',
        'visitor',
        'system',
        'visitor',
      ]);
    });

    test('a repeated cid is one message and no second reply', async () => {
      const t = await chatTenant(api.rest);
      await setHours(t);
      const visitor = await bootVisitor(api.rest, t);
      const c = await openConversation(api.rest, visitor);
      const send = () =>
        api.call('POST', `/v1/widget/conversations/${c.id}/messages`, {
          token: visitor.sessionToken,
          body: { body: 'Once', cid: 'retry-1' },
        });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      expect((await history(visitor, c.id)).map((m) => m.sender.type)).toEqual([
        'visitor',
        'system',
      ]);
    });

    test('no reply while an agent is online, none without an away message', async () => {
      const t = await chatTenant(api.rest);
      await setHours(t);
      await api.deps.presence.connect(t.owner.organization.id, t.owner.agent.id);
      const visitor = await bootVisitor(api.rest, t);
      const c = await openConversation(api.rest, visitor);
      try {
        await visitorSays(api.rest, visitor, c.id, 'Hi');
        expect((await history(visitor, c.id)).map((m) => m.sender.type)).toEqual(['visitor']);
      } finally {
        await api.deps.presence.disconnect(t.owner.organization.id, t.owner.agent.id);
      }
      await setHours(t, { awayMessage: null });
      await visitorSays(api.rest, visitor, c.id, 'Hello again');
      expect((await history(visitor, c.id)).map((m) => m.sender.type)).toEqual([
        'visitor',
        'visitor',
      ]);
    });

    test('within hours but nobody online: away, replied too', async () => {
      const t = await chatTenant(api.rest);
      const allDay = [{ start: '00:00', end: '24:00' }];
      await setHours(t, {
        weekly: {
          mon: allDay,
          tue: allDay,
          wed: allDay,
          thu: allDay,
          fri: allDay,
          sat: allDay,
          sun: allDay,
        },
      });
      const visitor = await bootVisitor(api.rest, t);
      const c = await openConversation(api.rest, visitor);
      await visitorSays(api.rest, visitor, c.id, 'Hi');
      expect((await history(visitor, c.id)).map((m) => m.body)).toEqual(['Hi', AWAY]);
    });
  });
}

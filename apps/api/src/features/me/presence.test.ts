import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusEvent, PresenceRegistry } from '@flc/core';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`agent presence on ${target.name}`, () => {
    let api: TestApi;
    let registry: PresenceRegistry;
    beforeAll(async () => {
      api = await createTestApi(target);
      registry = api.deps.presence as PresenceRegistry;
    }, 60_000);
    afterAll(() => api.close());

    const presenceOf = async (token: string, agentId: string) => {
      const res = await api.call('GET', '/v1/agents', { token });
      expect(res.status).toBe(200);
      return res.body.items.find((a: { id: string }) => a.id === agentId)?.presence;
    };

    test('the team shows who is connected, away by choice, or offline', async () => {
      const owner = await api.signup();
      const mate = await api.addMember(owner, 'agent');
      const org = owner.organization.id;
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('offline');

      await registry.connect(org, mate.agent.id);
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('online');
      const one = await api.call('GET', `/v1/agents/${mate.agent.id}`, {
        token: owner.accessToken,
      });
      expect(one.body.presence).toBe('online');

      // Teammates connected now hear it on the organization's topic.
      const heard: BusEvent[] = [];
      const stop = await api.deps.bus.subscribe(
        { kind: 'organization', organizationId: org },
        (e) => heard.push(e),
      );
      const away = await api.call('PUT', '/v1/me/presence', {
        token: mate.accessToken,
        body: { status: 'away' },
      });
      expect(away).toMatchObject({ status: 200, body: { status: 'away' } });
      expect(heard.map((e) => JSON.parse(e.type === 'reset' ? '{}' : e.frame))).toContainEqual({
        t: 'presence',
        agentId: mate.agent.id,
        status: 'away',
      });
      stop();
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('away');
      const me = await api.call('GET', '/v1/me', { token: mate.accessToken });
      expect(me.body.agent.presence).toBe('away');

      // Away is kept, but an agent with no socket anywhere is offline.
      await registry.disconnect(org, mate.agent.id);
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('offline');
      await registry.connect(org, mate.agent.id);
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('away');
      const back = await api.call('PUT', '/v1/me/presence', {
        token: mate.accessToken,
        body: { status: 'online' },
      });
      expect(back.body).toEqual({ status: 'online' });
      expect(await presenceOf(owner.accessToken, mate.agent.id)).toBe('online');
      await registry.disconnect(org, mate.agent.id);
    });

    test('an offline agent setting away stays offline to teammates and is not announced', async () => {
      const owner = await api.signup();
      const heard: BusEvent[] = [];
      const stop = await api.deps.bus.subscribe(
        { kind: 'organization', organizationId: owner.organization.id },
        (e) => heard.push(e),
      );
      const res = await api.call('PUT', '/v1/me/presence', {
        token: owner.accessToken,
        body: { status: 'away' },
      });
      expect(res.body).toEqual({ status: 'offline' });
      stop();
      expect(heard).toHaveLength(0);
    });

    test('bad presence input is refused; another tenant never sees the team', async () => {
      const owner = await api.signup();
      const other = await api.signup();
      await registry.connect(owner.organization.id, owner.agent.id);
      const bad = await api.call('PUT', '/v1/me/presence', {
        token: owner.accessToken,
        body: { status: 'offline' },
      });
      expect(bad.status).toBe(422);
      expect((await api.call('PUT', '/v1/me/presence', { body: { status: 'away' } })).status).toBe(
        401,
      );
      const foreign = await api.call('GET', `/v1/agents/${owner.agent.id}`, {
        token: other.accessToken,
      });
      expect(foreign.status).toBe(404);
      expect(await presenceOf(other.accessToken, owner.agent.id)).toBeUndefined();
      await registry.disconnect(owner.organization.id, owner.agent.id);
    });
  });
}

import { expect, test } from 'bun:test';
import type { Agent } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import { applyPresence, assignable, initials, teamKey } from './agents.ts';

const agent = (id: string, name: string, extra: Partial<Agent> = {}): Agent => ({
  id,
  organizationId: 'org',
  email: `${id}@example.com`,
  name,
  handle: name.toLowerCase(),
  role: 'agent',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  twoFactorEnabled: false,
  capacity: null,
  ...extra,
});

test('a presence frame sets the agent in the cached team; an unknown agent is reported', () => {
  const client = new QueryClient();
  client.setQueryData(teamKey, [agent('a', 'Ann', { presence: 'online' }), agent('b', 'Bob')]);
  expect(applyPresence(client, { agentId: 'b', status: 'away' })).toBe(true);
  expect(applyPresence(client, { agentId: 'a', status: 'offline' })).toBe(true);
  expect(client.getQueryData<Agent[]>(teamKey)?.map((a) => a.presence)).toEqual([
    'offline',
    'away',
  ]);
  expect(applyPresence(client, { agentId: 'zed', status: 'online' })).toBe(false);
});

test('the team key sits under the agents key, so settings invalidations refresh it', () => {
  expect(teamKey[0]).toBe('agents');
});

test('assignable: active agents only, the caller first, then by name', () => {
  const team = [
    agent('c', 'Cleo'),
    agent('b', 'Bob', { status: 'invited' }),
    agent('me', 'Zoe'),
    agent('a', 'Ann'),
  ];
  expect(assignable(team, 'me').map((a) => a.name)).toEqual(['Zoe', 'Ann', 'Cleo']);
});

test('initials', () => {
  expect(initials('Ann Lee')).toBe('AL');
  expect(initials('Mary Ann van Dyke')).toBe('MD');
  expect(initials('bob')).toBe('B');
  expect(initials('')).toBe('?');
  expect(initials(null)).toBe('?');
});

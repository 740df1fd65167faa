import { beforeEach, expect, test } from 'bun:test';
import {
  type ConversationChanges,
  type ConversationRepository,
  type ConversationRow,
  ConversationService,
  type Message,
  MessageService,
  type MessageStore,
  NotFoundError,
  type PrincipalDirectory,
  type Scope,
} from '@flc/core';
import { createMemoryBus } from '@flc/storage/bus';
import { platformGatewayDeps } from './platform.ts';
import { signToken } from './testing/tokens.ts';
import type { GatewayDeps, Principal } from './types.ts';

// platformGatewayDeps on in-memory ports; the standalone suite runs it on PostgreSQL and real
// tokens from the API.
const secret = 'platform-test-secret';
const [orgA, orgB, envA, conv] = [
  '0190f000-0000-7000-8000-00000000000a',
  '0190f000-0000-7000-8000-00000000000b',
  '0190f000-0000-7000-8000-0000000000e1',
  '0190f000-0000-7000-8000-0000000000f1',
];
const ann = {
  id: '0190f000-0000-7000-8000-0000000000a1',
  organizationId: orgA,
  name: 'Ann',
  role: 'agent' as const,
};
const gone = { id: '0190f000-0000-7000-8000-0000000000a2', organizationId: orgA, name: 'Gone' };
const vic = {
  id: '0190f000-0000-7000-8000-0000000000c1',
  organizationId: orgA,
  environmentId: envA,
  name: null,
  allowedOrigins: ['https://shop.example'],
};

const sign = (claims: Record<string, unknown>, key = secret) => signToken(key, claims);

const principals: PrincipalDirectory = {
  activeAgent: async (id) => (id === ann.id ? ann : null),
  contact: async (id, env) => (id === vic.id && env === envA ? vic : null),
  agentAway: async () => false,
};

function conversations(): ConversationRepository & { rows: Map<string, ConversationRow> } {
  const at = new Date('2030-01-01T00:00:00Z');
  const rows = new Map<string, ConversationRow>();
  rows.set(conv, {
    id: conv,
    organization_id: orgA,
    environment_id: envA,
    contact_id: vic.id,
    contact_name: null,
    status: 'open',
    assignee_id: null,
    team_id: null,
    last_seq: 0,
    last_message: null,
    last_activity_at: at,
    activity_key: at.toISOString(),
    agent_read_seq: 0,
    visitor_read_seq: 0,
    label_ids: [],
    created_at: at,
    updated_at: at,
  });
  const visible = (scope: Scope, id: string) => {
    const row = rows.get(id);
    const ok =
      row?.organization_id === scope.organizationId &&
      (!scope.contactId || row.contact_id === scope.contactId);
    if (!ok) throw new NotFoundError('Conversation');
    return row;
  };
  return {
    rows,
    get: async (scope, id) => visible(scope, id),
    async recordMessage({ conversationId, seq, lastMessage }) {
      const row = rows.get(conversationId);
      if (!row || row.last_seq >= seq) return null;
      Object.assign(row, { last_seq: seq, last_message: lastMessage });
      return row;
    },
    async markRead(scope, id, side, seq) {
      const row = visible(scope, id);
      if (side === 'visitor') row.visitor_read_seq = Math.max(row.visitor_read_seq, seq);
      else row.agent_read_seq = Math.max(row.agent_read_seq, seq);
    },
  };
}

const stored: Message[] = [];
const store: MessageStore = {
  insert: async (messages) => void stored.push(...messages),
  range: async (_org, id, { afterSeq = 0, limit }) =>
    stored.filter((m) => m.conversationId === id && m.seq > afterSeq).slice(0, limit),
  headSeq: async () => stored.length,
  byCid: async (_org, id, cid) =>
    stored.find((m) => m.conversationId === id && m.cid === cid) ?? null,
  search: async () => [],
  erase: async () => 0,
  countSince: async () => new Map(),
  dailyActivity: async () => [],
  change: async () => null,
  changes: async () => [],
};

let repo: ReturnType<typeof conversations>;
let deps: GatewayDeps;
const { role: _role, ...annAsPrincipal } = ann;
const agent: Principal = { type: 'agent', ...annAsPrincipal };
const visitor: Principal = {
  type: 'visitor',
  id: vic.id,
  organizationId: orgA,
  allowedOrigins: ['https://shop.example'],
  environmentId: envA,
};
beforeEach(() => {
  stored.length = 0;
  repo = conversations();
  const bus = createMemoryBus();
  // Only reads go through this service here; changes are not the gateway's.
  const unused = () => Promise.reject(new Error('not used by the gateway'));
  const changes: ConversationChanges = {
    open: unused,
    patch: unused,
    wakeSnoozed: unused,
    label: unused,
  };
  deps = platformGatewayDeps({
    bus,
    messages: new MessageService(bus, store, repo),
    conversationService: new ConversationService(bus, repo, changes, principals),
    conversations: repo,
    principals,
    jwtSecret: secret,
  });
});

test('verify checks the token alone; resolve reads its subject back from the directory', async () => {
  const exp = Math.floor(Date.now() / 1000) + 60;
  const expiresAt = exp * 1000;
  const authenticate = async (token: string) => {
    const subject = deps.verify(token);
    return subject && (await deps.resolve(subject));
  };
  expect(await authenticate(await sign({ sub: ann.id, typ: 'agent', exp }))).toEqual({
    ...agent,
    expiresAt,
  });
  expect(await authenticate(await sign({ sub: vic.id, typ: 'visitor', env: envA, exp }))).toEqual({
    ...visitor,
    expiresAt,
  });
  // Verified, but gone from the directory: refused after the upgrade.
  for (const claims of [
    { sub: gone.id, typ: 'agent' }, // not active
    { sub: vic.id, typ: 'visitor', env: orgB }, // another environment
  ]) {
    const token = await sign(claims);
    expect(deps.verify(token)).not.toBeNull();
    expect(await authenticate(token)).toBeNull();
  }
  // Refused at the upgrade.
  for (const claims of [
    { sub: vic.id, typ: 'visitor' }, // no environment
    { sub: ann.id, typ: 'refresh' },
    { typ: 'agent' },
  ]) {
    expect(deps.verify(await sign(claims))).toBeNull();
  }
  expect(deps.verify(await sign({ sub: ann.id, typ: 'agent' }, 'other'))).toBeNull();
  expect(deps.verify('forged')).toBeNull();
});

test('access answers the organization in scope and null outside it', async () => {
  expect(await deps.access(agent, conv)).toEqual({ organizationId: orgA });
  expect(await deps.access(visitor, conv)).toEqual({ organizationId: orgA });
  expect(await deps.access({ ...visitor, id: gone.id }, conv)).toBeNull();
  expect(await deps.access({ ...agent, organizationId: orgB }, conv)).toBeNull();
  repo.get = async () => {
    throw new Error('database down');
  };
  await expect(deps.access(agent, conv)).rejects.toThrow('database down');
});

test('append, history and markRead go through the shared services', async () => {
  const inbox: string[] = [];
  await deps.bus.subscribe({ kind: 'organization', organizationId: orgA }, (event) => {
    if (event.type === 'signal') inbox.push(event.frame);
  });
  const message = await deps.append(visitor, {
    conversationId: conv,
    cid: 'c1',
    body: 'Hi',
    organizationId: orgA,
  });
  expect(message).toMatchObject({ seq: 1, body: 'Hi', sender: { type: 'visitor', id: vic.id } });
  expect(stored).toEqual([message]);
  expect(JSON.parse(inbox[0] ?? '{}')).toMatchObject({ t: 'conversation', event: 'message' });
  const { organizationId: _org, ...resource } = message;
  expect(await deps.history(agent, conv, 0, 10)).toEqual([resource]);

  await deps.markRead(agent, conv, 1);
  expect(repo.rows.get(conv)?.agent_read_seq).toBe(1);
  // Never past the bus's head: a forged seq cannot hide messages to come.
  await deps.markRead(agent, conv, 99);
  expect(repo.rows.get(conv)?.agent_read_seq).toBe(1);
  await expect(deps.markRead({ ...agent, organizationId: orgB }, conv, 1)).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

import { expect, test } from 'bun:test';
import { announce, type Bus, type BusListener, type ConversationRow, type Topic } from '@flc/core';
import { CloseCode } from '@flc/protocol';
import { createMemoryBus } from '@flc/storage/bus';
import { Gateway } from './gateway.ts';
import { InboxFanout, type InboxMember, NATIVE_FANOUT_MIN } from './inbox-fanout.ts';
import type { Connection, GatewayDeps, Principal } from './types.ts';

const org = '0190f000-0000-7000-8000-00000000000a';
const topic: Topic = { kind: 'organization', organizationId: org };

/** The memory bus, counting the subscriptions made to it and letting a test inject events. */
function countingBus() {
  const bus = createMemoryBus();
  const listeners = new Set<BusListener>();
  let subscriptions = 0;
  const counted: Bus = {
    ...bus,
    subscribe: async (t, listener) => {
      subscriptions += 1;
      listeners.add(listener);
      const off = await bus.subscribe(t, listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
  };
  return {
    bus: counted,
    get subscriptions() {
      return subscriptions;
    },
    get listening() {
      return listeners.size;
    },
    reset: () => {
      for (const l of listeners) l({ type: 'reset', topic });
    },
  };
}

function member(native: boolean, agentId = 'agent-1') {
  const got = { delivered: [] as string[], joined: [] as string[], interrupted: 0 };
  const m: InboxMember = {
    agentId,
    join: (channel) => {
      if (native) got.joined.push(channel);
      return native;
    },
    leave: (channel) => {
      got.joined = got.joined.filter((c) => c !== channel);
    },
    deliver: (frame) => got.delivered.push(frame),
    interrupted: () => {
      got.interrupted += 1;
    },
  };
  return { m, got };
}

test('one bus subscription and one publish per event, however many agent sockets follow the inbox', async () => {
  const counting = countingBus();
  const fanout = new InboxFanout(counting.bus);
  const published: [string, string][] = [];
  fanout.useNative({ publish: (channel, frame) => published.push([channel, frame]) });
  const sockets = Array.from({ length: 50 }, () => member(true));
  for (const s of sockets) await fanout.join(org, s.m);
  const manual = member(false);
  await fanout.join(org, manual.m);
  expect(counting.subscriptions).toBe(1);

  await counting.bus.signal(topic, '{"t":"conversation"}');
  expect(published).toEqual([[`inbox:${org}`, '{"t":"conversation"}']]);
  expect(sockets.every((s) => s.got.joined.length === 1 && s.got.delivered.length === 0)).toBe(
    true,
  );
  expect(manual.got.delivered).toEqual(['{"t":"conversation"}']);

  counting.reset();
  expect(sockets.every((s) => s.got.interrupted === 1)).toBe(true);
  expect(manual.got.interrupted).toBe(1);

  await Promise.all([...sockets, manual].map((s) => fanout.leave(org, s.m)));
  expect(counting.listening).toBe(0);
  expect(sockets.every((s) => s.got.joined.length === 0)).toBe(true);
});

test('without a native publish, or with few sockets, every member is written to', async () => {
  const counting = countingBus();
  const fanout = new InboxFanout(counting.bus);
  const a = member(true);
  await fanout.join(org, a.m);
  await counting.bus.signal(topic, 'x');
  expect(a.got.delivered).toEqual(['x']);
  expect(a.got.joined).toEqual([]);

  const published: string[] = [];
  fanout.useNative({ publish: (_channel, frame) => published.push(frame) });
  const few = Array.from({ length: NATIVE_FANOUT_MIN - 2 }, () => member(true));
  for (const s of few) await fanout.join(org, s.m);
  await counting.bus.signal(topic, 'y');
  expect(published).toEqual([]);
  expect(few.every((s) => s.got.delivered.join() === 'y')).toBe(true);
});

test('a mention reaches the sockets of its agent only, never the published inbox', async () => {
  const counting = countingBus();
  const fanout = new InboxFanout(counting.bus);
  const published: string[] = [];
  fanout.useNative({ publish: (_channel, frame) => published.push(frame) });
  const others = Array.from({ length: NATIVE_FANOUT_MIN + 2 }, (_, i) => member(true, `a-${i}`));
  for (const s of others) await fanout.join(org, s.m);
  const grace = [member(true, 'grace'), member(false, 'grace')];
  for (const s of grace) await fanout.join(org, s.m);

  const frame = '{"t":"mention","agentId":"grace","mention":{}}';
  await counting.bus.signal(topic, frame);
  expect(published).toEqual([]);
  expect(grace.map((s) => s.got.delivered)).toEqual([[frame], [frame]]);
  expect(others.every((s) => s.got.delivered.length === 0)).toBe(true);
});

test('a socket in a natively published inbox that falls behind is closed with 4009', async () => {
  const bus = createMemoryBus();
  const agent: Principal = {
    type: 'agent',
    id: '0190f000-0000-7000-8000-0000000000a1',
    organizationId: org,
  };
  const deps = {
    bus,
    verify: () => ({ type: 'agent', id: agent.id, claims: {} }),
    resolve: async () => agent,
    access: async () => null,
    append: async () => {
      throw new Error('not used');
    },
    history: async () => [],
    markRead: async () => {},
    stillValid: async () => true,
  } satisfies GatewayDeps;
  const gateway = new Gateway(deps, { maxBufferedBytes: 1000 });
  gateway.useNativeFanout({ publish: () => {} });
  let buffered = 0;
  const closed = Promise.withResolvers<number>();
  const ready = Promise.withResolvers<void>();
  const connection: Connection = {
    send: () => {
      ready.resolve(); // the first frame is `ready`, sent once the socket joined the inbox
      return 'sent';
    },
    close: (code) => closed.resolve(code),
    bufferedAmount: () => buffered,
    join: () => true,
    leave: () => {},
  };
  gateway.open(connection, {
    subject: { type: 'agent', id: agent.id, claims: {} },
    origin: undefined,
  });
  await ready.promise;
  await bus.signal(topic, '{"t":"conversation"}');
  buffered = 5000;
  expect(await closed.promise).toBe(CloseCode.tooSlow);
  gateway.shutdown();
});

test("coalescing: a conversation's first event goes at once, and the newest of a window follows; none is lost", async () => {
  const rows = (id: string, lastSeq: number): ConversationRow => ({
    id,
    organization_id: org,
    environment_id: 'env',
    contact_id: 'contact',
    contact_name: null,
    status: 'open',
    assignee_id: null,
    team_id: null,
    last_seq: lastSeq,
    last_message: null,
    last_activity_at: new Date(0),
    activity_key: '',
    agent_read_seq: 0,
    visitor_read_seq: 0,
    label_ids: [],
    created_at: new Date(0),
    updated_at: new Date(0),
  });
  const counting = countingBus();
  const fanout = new InboxFanout(counting.bus, 20);
  const agent = member(false);
  await fanout.join(org, agent.m);
  const seqOf = (frame: string) => ({
    id: JSON.parse(frame).conversation.id as string,
    lastSeq: JSON.parse(frame).conversation.lastSeq as number,
  });
  const newest = Promise.withResolvers<void>();
  const deliver = agent.m.deliver;
  agent.m.deliver = (frame) => {
    deliver(frame);
    if (frame.includes('"lastSeq":5,')) newest.resolve();
  };

  for (let seq = 1; seq <= 5; seq++) await announce(counting.bus, 'message', rows('c-1', seq));
  await announce(counting.bus, 'created', rows('c-2', 1));
  await counting.bus.signal(topic, '{"t":"presence","agentId":"a","status":"online"}');
  // At once: c-1's first event, c-2's first, and what is not a conversation's event.
  expect(
    agent.got.delivered.map((f) => (f.startsWith('{"t":"presence"') ? 'presence' : seqOf(f))),
  ).toEqual([{ id: 'c-1', lastSeq: 1 }, { id: 'c-2', lastSeq: 1 }, 'presence']);
  // The window ends: c-1's newest state, and nothing in between.
  await newest.promise;
  expect(agent.got.delivered.slice(3).map(seqOf)).toEqual([{ id: 'c-1', lastSeq: 5 }]);
  await fanout.leave(org, agent.m);
});

test('a narrowed member gets the conversations in its view, and the event that takes one out', async () => {
  const counting = countingBus();
  const fanout = new InboxFanout(counting.bus);
  const published: string[] = [];
  fanout.useNative({ publish: (_channel, frame) => published.push(frame) });
  const everyone = Array.from({ length: NATIVE_FANOUT_MIN }, () => member(true));
  for (const s of everyone) await fanout.join(org, s.m);
  const mine = member(true, 'agent-me');
  await fanout.join(org, mine.m);
  expect(
    fanout.narrow(org, mine.m, { environmentIds: ['env-1'], assignee: 'me_or_unassigned' }),
  ).toBe(true);
  // Narrowed, it left the native channel: it is written to on its own.
  expect(mine.got.joined).toEqual([]);

  const event = (id: string, environmentId: string, assigneeId: string | null) =>
    JSON.stringify({
      t: 'conversation',
      event: 'updated',
      conversation: { id, environmentId, teamId: null, assigneeId },
    });
  const frames = [
    event('c-1', 'env-1', null), // in view: unassigned in env-1
    event('c-2', 'env-2', null), // another environment
    event('c-1', 'env-1', 'agent-me'), // still in view: now its own
    event('c-1', 'env-1', 'agent-other'), // taken out of view: this one still arrives
    event('c-1', 'env-1', 'agent-other'), // out of view since: not any more
    event('c-3', 'env-1', 'agent-other'), // never in view
  ];
  for (const frame of frames) await counting.bus.signal(topic, frame);
  expect(mine.got.delivered).toEqual(frames.filter((_, i) => [0, 2, 3].includes(i)));
  // The others still get every event, in one publish each.
  expect(published).toEqual(frames);
  // Frames other than inbox events are not filtered.
  await counting.bus.signal(topic, '{"t":"presence","agentId":"a","status":"online"}');
  expect(mine.got.delivered).toHaveLength(4);

  // Widened again, it rejoins the channel and gets what everyone gets, natively.
  expect(fanout.narrow(org, mine.m, null)).toBe(true);
  expect(mine.got.joined).toEqual([`inbox:${org}`]);
  await counting.bus.signal(topic, event('c-2', 'env-2', null));
  expect(mine.got.delivered).toHaveLength(4);
  expect(published.at(-1)).toBe(event('c-2', 'env-2', null));
  // Someone not in the inbox cannot narrow it.
  expect(fanout.narrow(org, member(true).m, { assignee: 'me' })).toBe(false);
});

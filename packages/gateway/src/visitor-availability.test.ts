import { expect, test } from 'bun:test';
import { type AvailabilityHours, availabilityMayHaveChanged } from '@flc/core';
import { createMemoryBus } from '@flc/storage/bus';
import type { Session } from './session.ts';
import { VisitorAvailability } from './visitor-availability.ts';

const org = 'org-1';
// Open Mondays 09:00–17:00 UTC; 2026-01-05 is a Monday.
const hours: AvailabilityHours = {
  enabled: true,
  timeZone: 'UTC',
  weekly: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  },
  holidays: [],
  hideOutsideHours: false,
  replyTimeMinutes: null,
};

function harness() {
  const bus = createMemoryBus();
  let now = new Date('2026-01-05T08:59:30Z');
  let online = false;
  let reads = 0;
  const sent: { to: string; frame: unknown }[] = [];
  const availability = new VisitorAvailability({
    bus,
    source: {
      hours: async (_org, env) => (env === 'env-hours' ? hours : null),
      anyOnline: async () => {
        reads += 1;
        return online;
      },
    },
    sendRaw: (session, frame) => sent.push({ to: session.principal.id, frame: JSON.parse(frame) }),
    now: () => now,
  });
  const visitor = (id: string, environmentId: string) =>
    ({ principal: { type: 'visitor', id, organizationId: org, environmentId } }) as Session;
  return {
    bus,
    availability,
    sent,
    visitor,
    get reads() {
      return reads;
    },
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    setOnline: (value: boolean) => {
      online = value;
    },
    states: (to: string) =>
      sent
        .filter((s) => s.to === to)
        .map((s) => (s.frame as { availability: unknown }).availability),
  };
}

test('the state on joining, then only changes: presence signalled, hours passing', async () => {
  const h = harness();
  const a = h.visitor('a', 'env-hours');
  const b = h.visitor('b', 'env-plain');
  h.availability.join(a);
  h.availability.join(b);
  await h.availability.settled();
  expect(h.states('a')).toEqual([{ state: 'closed', nextOpenAt: '2026-01-05T09:00:00.000Z' }]);
  expect(h.states('b')).toEqual([{ state: 'away' }]);

  // The minute turns to 09:00: the hours begin; the environment without hours stays away.
  h.setNow('2026-01-05T09:00:00Z');
  h.availability.tick();
  expect(h.states('a')).toEqual([
    { state: 'closed', nextOpenAt: '2026-01-05T09:00:00.000Z' },
    { state: 'away' },
  ]);
  expect(h.states('b')).toHaveLength(1);
  h.availability.tick(); // nothing changed: nothing sent
  expect(h.sent).toHaveLength(3);

  // An agent comes online somewhere: one read of the organization's presence for both.
  const before = h.reads;
  h.setOnline(true);
  await availabilityMayHaveChanged(h.bus, org);
  await h.availability.settled();
  expect(h.reads).toBe(before + 1);
  expect(h.states('a').at(-1)).toEqual({ state: 'online' });
  expect(h.states('b').at(-1)).toEqual({ state: 'online' });

  // A signal that changes nothing sends nothing.
  await availabilityMayHaveChanged(h.bus, org);
  await h.availability.settled();
  expect(h.sent).toHaveLength(5);

  // A late joiner is told the state at once, from what the node knows.
  const c = h.visitor('c', 'env-plain');
  h.availability.join(c);
  expect(h.states('c')).toEqual([{ state: 'online' }]);

  // The last agent leaves after hours: closed until next Monday.
  h.setOnline(false);
  h.setNow('2026-01-05T17:00:10Z');
  await availabilityMayHaveChanged(h.bus, org);
  await h.availability.settled();
  expect(h.states('a').at(-1)).toEqual({ state: 'closed', nextOpenAt: '2026-01-12T09:00:00.000Z' });
  expect(h.states('c').at(-1)).toEqual({ state: 'away' });
  for (const s of [a, b, c]) h.availability.leave(s);
  h.availability.stop();
});

test('the last socket of an organization stops the node following it', async () => {
  const h = harness();
  const a = h.visitor('a', 'env-plain');
  h.availability.join(a);
  await h.availability.settled();
  h.availability.leave(a);
  await Promise.resolve();
  const reads = h.reads;
  h.setOnline(true);
  await availabilityMayHaveChanged(h.bus, org);
  await h.availability.settled();
  expect(h.reads).toBe(reads);
  expect(h.sent).toHaveLength(1);
});

import { expect, test } from 'bun:test';
import type { ServerFrameOf } from '@flc/protocol';
import { bootVisitor, chatTenant, type Rest, type TestClient } from '@flc/testkit';

/** What the protocol suite shares with these tests: its platform and sockets. */
export interface AvailabilityContext {
  call: Rest;
  connect(token: string): Promise<TestClient>;
}

type Availability = ServerFrameOf<'availability'>['availability'];

/** The next `availability` frame after the first `seen` frames of the socket. */
async function nextAvailability(client: TestClient, seen: number): Promise<Availability> {
  const frame = await client.next('availability', (f) => client.frames.indexOf(f) >= seen);
  return frame.availability;
}

const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/**
 * Visitors' availability, live: the state right after `ready`, then each change: the first agent
 * of the organization coming online, choosing away, its last socket closing, the environment's
 * hours saved. An organization of its own, so no other test's agents come and go in it.
 */
export function availabilityProtocolTests(context: () => AvailabilityContext) {
  test("a visitor's socket follows whether anyone can answer, and agents get none of it", async () => {
    const { call, connect } = context();
    const tenant = await chatTenant(call, { name: 'Availability Co' });
    const guest = await bootVisitor(call, tenant);
    const visitor = await connect(guest.sessionToken);
    expect(await nextAvailability(visitor, 0)).toEqual({ state: 'away' });

    let seen = visitor.frames.length;
    const agent = await connect(tenant.owner.accessToken);
    expect(await nextAvailability(visitor, seen)).toEqual({ state: 'online' });

    seen = visitor.frames.length;
    const away = await call('PUT', '/v1/me/presence', { status: 'away' }, tenant.ownerAuth);
    expect(away.status).toBe(200);
    expect(await nextAvailability(visitor, seen)).toEqual({ state: 'away' });
    seen = visitor.frames.length;
    await call('PUT', '/v1/me/presence', { status: 'online' }, tenant.ownerAuth);
    expect(await nextAvailability(visitor, seen)).toEqual({ state: 'online' });
    seen = visitor.frames.length;

    // Hours that never open, saved while the agent is online: nothing changes for the visitor
    // until the agent leaves, and then it is closed (and hidden, as the environment asks).
    const hours = await call(
      'PUT',
      `/v1/environments/${tenant.env.id}/business-hours`,
      {
        enabled: true,
        timeZone: 'UTC',
        weekly: week,
        holidays: [],
        hideOutsideHours: true,
        awayMessage: null,
        replyTimeMinutes: 30,
      },
      tenant.ownerAuth,
    );
    expect(hours.status).toBe(200);
    expect(await nextAvailability(visitor, seen)).toEqual({
      state: 'online',
      replyTimeMinutes: 30,
    });
    seen = visitor.frames.length;
    agent.close();
    expect(await nextAvailability(visitor, seen)).toEqual({
      state: 'closed',
      replyTimeMinutes: 30,
      hidden: true,
    });
    // A visitor connecting now is told at once.
    const later = await connect((await bootVisitor(call, tenant)).sessionToken);
    expect(await nextAvailability(later, 0)).toMatchObject({ state: 'closed' });
    expect(agent.frames.some((f) => f.t === 'availability')).toBe(false);
    visitor.close();
    later.close();
  });
}

import { afterEach, describe, expect, test } from 'bun:test';
import { CloseCode } from '@flc/protocol';
import { TestClient, upgradeHeaders } from '@flc/testkit';
import {
  clients,
  connectTo,
  conv,
  type Harness,
  startGateway,
  stopClients,
} from './testing/gateway.ts';

// The gateway's limits on the Bun transport and the memory bus: rates, budgets and sizes.
let h: Harness;
const connect = (who: string) => connectTo(h, who);

describe('gateway limits', () => {
  afterEach(() => stopClients(h));

  test('a flood is answered rate_limited, and persistent abuse closes with 4008', async () => {
    h = await startGateway({ framesPerSecond: 1, frameBurst: 5, abuseThreshold: 10 });
    const visitor = await connect('visitor');
    for (let i = 0; i < 30; i++) visitor.send({ t: 'ping', ts: i });
    expect((await visitor.next('error')).code).toBe('rate_limited');
    expect((await visitor.waitClose()).code).toBe(CloseCode.policy);
  });

  test("an organization's sends share one budget on the node; 0 turns it off", async () => {
    h = await startGateway({ organizationSendsPerSecond: 2 });
    const visitor = await connect('visitor');
    const agent = await connect('agent');
    visitor.send({ t: 'send', cid: 'v-1', conversationId: conv, body: 'one' });
    agent.send({ t: 'send', cid: 'a-1', conversationId: conv, body: 'two' });
    agent.send({ t: 'send', cid: 'a-2', conversationId: conv, body: 'three' });
    const refused = await Promise.race([
      visitor.next('error', (e) => e.code === 'rate_limited'),
      agent.next('error', (e) => e.code === 'rate_limited'),
    ]);
    expect(['v-1', 'a-1', 'a-2']).toContain(refused.ref ?? '');
    await h.stop();

    h = await startGateway({ organizationSendsPerSecond: 0 });
    const sender = await connect('visitor');
    for (let i = 1; i <= 30; i++)
      sender.send({ t: 'send', cid: `u-${i}`, conversationId: conv, body: `${i}` });
    await sender.next('ack', (a) => a.cid === 'u-30');
    expect(sender.frames.filter((f) => f.t === 'error')).toEqual([]);
  });

  test('sockets per principal on a node: past the cap the upgrade is 429; a closed one frees a place', async () => {
    h = await startGateway({ maxSocketsPerPrincipal: 2 });
    const base = h.url.replace('ws://', 'http://');
    const first = await connect('visitor');
    await connect('visitor');
    const refused = await fetch(`${base}?token=visitor`, { headers: upgradeHeaders });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
    await connect('otherVisitor'); // every principal has its own
    first.close();
    await first.waitClose();
    await connect('visitor');
  });

  test('upgrades admitted together cannot overshoot the cap: the extra sockets are closed with 4008', async () => {
    h = await startGateway({ maxSocketsPerPrincipal: 2 });
    const sockets = await Promise.all(
      Array.from({ length: 6 }, () => TestClient.connect(`${h.url}?token=agent`).catch(() => null)),
    );
    const opened = sockets.filter((c): c is TestClient => c !== null);
    clients.push(...opened);
    const closed = await Promise.all(
      opened.map((c) => Promise.race([c.waitClose(), c.next('ready').then(() => null)])),
    );
    expect(closed.filter((c) => c === null)).toHaveLength(2);
    for (const c of closed) if (c) expect(c.code).toBe(CloseCode.policy);
  });

  test('socket opens per principal: past the budget the socket is closed with 4008 before ready', async () => {
    const takes: string[] = [];
    h = await startGateway(
      {},
      {
        takeOpen: async (p) => {
          takes.push(p.id);
          return takes.length > 2 ? 42.5 : 0;
        },
      },
    );
    (await connect('visitor')).close();
    (await connect('visitor')).close();
    const refused = await TestClient.connect(`${h.url}?token=visitor`);
    const close = await refused.waitClose();
    expect(close).toMatchObject({
      code: CloseCode.policy,
      reason: 'too many opens; retry after 43 s',
    });
    expect(refused.frames).toEqual([]);
    // A refused token costs nothing of anyone's budget.
    const base = h.url.replace('ws://', 'http://');
    expect((await fetch(`${base}?token=forged`, { headers: upgradeHeaders })).status).toBe(401);
    expect(takes).toHaveLength(3);
  });

  test('a token whose subject is gone is upgraded, then closed with 4001 before any frame', async () => {
    h = await startGateway();
    const refused = await TestClient.connect(`${h.url}?token=revoked`);
    expect(await refused.waitClose()).toMatchObject({ code: CloseCode.unauthorized });
    expect(refused.frames).toEqual([]);
  });

  test('frames sent before ready are answered after it; a refused socket has none handled', async () => {
    h = await startGateway();
    const early = await TestClient.connect(`${h.url}?token=revoked`);
    early.send({ t: 'send', cid: 'early-1', conversationId: conv, body: 'hi' });
    await early.waitClose();
    expect(h.stored).toEqual([]);
    const visitor = await TestClient.connect(`${h.url}?token=visitor`);
    clients.push(visitor);
    visitor.send({ t: 'send', cid: 'early-2', conversationId: conv, body: 'hi' });
    const ack = await visitor.next('ack');
    expect(visitor.frames[0]?.t).toBe('ready');
    expect(ack.cid).toBe('early-2');
  });
});

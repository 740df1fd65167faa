import type { Bus, Message } from '@flc/core';
import { createMemoryBus } from '@flc/storage/bus';
import { TestClient } from '@flc/testkit';
import { Gateway } from '../gateway.ts';
import { bunTransport } from '../transports/bun.ts';
import type { GatewayDeps, GatewayLimits, Principal } from '../types.ts';

// The platform behind the gateway in these suites: a small in-test table of tokens and
// conversations, on the memory bus and presence.
export const orgA = '0190f000-0000-7000-8000-00000000000a';
export const orgB = '0190f000-0000-7000-8000-00000000000b';
export const principals: Record<string, Principal> = {
  agent: {
    type: 'agent',
    id: '0190f000-0000-7000-8000-0000000000a1',
    organizationId: orgA,
    name: 'Ann',
  },
  agent2: { type: 'agent', id: '0190f000-0000-7000-8000-0000000000a2', organizationId: orgA },
  visitor: { type: 'visitor', id: '0190f000-0000-7000-8000-0000000000c1', organizationId: orgA },
  otherVisitor: {
    type: 'visitor',
    id: '0190f000-0000-7000-8000-0000000000c2',
    organizationId: orgA,
  },
  foreignAgent: { type: 'agent', id: '0190f000-0000-7000-8000-0000000000b1', organizationId: orgB },
};
export const conv = '0190f000-0000-7000-8000-0000000000f1';
export const conversations: Record<string, { organizationId: string; contactId: string }> = {
  [conv]: { organizationId: orgA, contactId: principals.visitor?.id ?? '' },
};

export interface Harness {
  url: string;
  gateway: Gateway;
  bus: Bus;
  stored: Message[];
  reads: { principal: string; seq: number }[];
  stop(): Promise<void>;
}

/** A gateway node; nodes given the same `bus` and `presence` play one deployment. */
export async function startGateway(
  limits: Partial<GatewayLimits> = {},
  shared: Pick<Partial<GatewayDeps>, 'bus' | 'presence' | 'takeOpen'> = {},
): Promise<Harness> {
  const bus = shared.bus ?? createMemoryBus();
  const stored: Message[] = [];
  const reads: Harness['reads'] = [];
  const deps: GatewayDeps = {
    bus,
    // A test token is a key of `principals`; `revoked` verifies but its subject is gone.
    verify: (token) => {
      const p = token === 'revoked' ? principals.agent : principals[token];
      if (!p) return null;
      const claims = { name: token };
      return p.type === 'agent'
        ? { type: 'agent', id: p.id, claims }
        : { type: 'visitor', id: p.id, environmentId: p.environmentId ?? '', claims };
    },
    resolve: async (subject) => principals[String(subject.claims.name)] ?? null,
    stillValid: async () => true,
    access: async (p, id) => {
      const c = conversations[id];
      if (!c || c.organizationId !== p.organizationId) return null;
      if (p.type === 'visitor' && c.contactId !== p.id) return null;
      return { organizationId: c.organizationId };
    },
    append: async (p, input) => {
      const { message, duplicate } = await bus.append({
        organizationId: p.organizationId,
        conversationId: input.conversationId,
        cid: input.cid,
        sender: { type: p.type, id: p.id },
        body: input.body,
      });
      if (!duplicate) stored.push(message);
      return message;
    },
    history: async (_p, id, afterSeq, limit) =>
      stored.filter((m) => m.conversationId === id && m.seq > afterSeq).slice(0, limit),
    markRead: async (p, _id, seq) => {
      reads.push({ principal: p.id, seq });
    },
    ...(shared.presence && { presence: shared.presence }),
    ...(shared.takeOpen && { takeOpen: shared.takeOpen }),
  };
  const gateway = new Gateway(deps, limits);
  const transport = bunTransport(gateway);
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (req, srv) => transport.upgrade(req, srv) ?? new Response('not found', { status: 404 }),
    websocket: transport.websocket,
  });
  return {
    url: `ws://127.0.0.1:${server.port}/v1/ws`,
    gateway,
    bus,
    stored,
    reads,
    async stop() {
      gateway.shutdown();
      await server.stop(true);
      if (!shared.bus) await bus.close();
    },
  };
}

/** Every client a suite opened, closed after each test by `stopClients`. */
export const clients: TestClient[] = [];

/** A client of `h` signed in as `who`, past its ready frame. */
export async function connectTo(h: Harness, who: string): Promise<TestClient> {
  const c = await TestClient.connect(`${h.url}?token=${who}`);
  clients.push(c);
  await c.next('ready');
  return c;
}

/** Closes every client, then the gateway. */
export async function stopClients(h: Harness): Promise<void> {
  for (const c of clients.splice(0)) c.close();
  await h.stop();
}

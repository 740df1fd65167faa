import type { Client, Message } from '@flc/sdk';
import { bootVisitor, type ChatTenant, openConversation } from './chat-tenant.ts';
import type { Rest } from './rest.ts';

/** Resolves once the client's state is `open` (ready, resumed). */
function whenOpen(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on('state', ({ state }) => {
      if (state !== 'open') return;
      off();
      resolve();
    });
  });
}

/** Waits message by message until `done()` holds, or `ms` has passed (the test then fails). */
async function untilDelivered(client: Client, done: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const off = client.on('message', () => {
        off();
        resolve();
      });
      // No event tells a test that nothing more is coming: look again every half second.
      setTimeout(resolve, 500);
    });
  }
}

export interface WatchedConversations {
  /** The owner's client, following every conversation from its start. */
  agent: Client;
  /** One client per visitor, each with a conversation of its own. */
  senders: { client: Client; conversationId: string }[];
  /** What the agent received, per conversation, in arrival order (repeats kept). */
  received: Map<string, Message[]>;
  /**
   * Every visitor sends `rounds` messages, one a round (`#1`, `#2`, … unless `body` says), the
   * rounds 80 ms apart: about 12/s each, under the per-socket limit. `afterRound(i)` runs after
   * round i's sends: a test kills something there. Answers the acks, one promise per send.
   */
  sendRounds(
    rounds: number,
    options?: {
      body?: (visitor: number, round: number) => string;
      afterRound?: (round: number) => Promise<unknown>;
    },
  ): Promise<Promise<unknown>[]>;
  /** Waits until the agent has `count` messages of every conversation, or `ms` has passed. */
  untilEach(count: number, ms: number): Promise<void>;
  close(): void;
}

/**
 * The SDK side of a kill test: `visitors` visitors of the tenant, each writing into a
 * conversation of its own, and the owner following them all, on clients `client` makes (a test
 * picks the node or the proxy each one reaches). Resolves once every client is open.
 */
export async function watchedConversations(
  rest: Rest,
  tenant: ChatTenant,
  options: { visitors: number; client: (token: string, as: 'agent' | 'visitor') => Client },
): Promise<WatchedConversations> {
  const agent = options.client(tenant.owner.accessToken, 'agent');
  const received = new Map<string, Message[]>();
  agent.on('message', (m) => {
    received.set(m.conversationId, [...(received.get(m.conversationId) ?? []), m]);
  });
  const senders: WatchedConversations['senders'] = [];
  for (let v = 0; v < options.visitors; v++) {
    const visitor = await bootVisitor(rest, tenant);
    const { id: conversationId } = await openConversation(rest, visitor);
    senders.push({ client: options.client(visitor.sessionToken, 'visitor'), conversationId });
    agent.subscribe(conversationId, 0);
  }
  const clients = [agent, ...senders.map((s) => s.client)];
  const ready = clients.map(whenOpen);
  for (const client of clients) client.connect();
  await Promise.all(ready);
  return {
    agent,
    senders,
    received,
    async sendRounds(rounds, { body = (_: number, i: number) => `#${i}`, afterRound } = {}) {
      const acks: Promise<unknown>[] = [];
      for (let i = 1; i <= rounds; i++) {
        for (const [v, s] of senders.entries()) {
          acks.push(s.client.send(s.conversationId, body(v, i)).ack);
        }
        await afterRound?.(i);
        await Bun.sleep(80); // pacing the senders, not waiting for an event
      }
      return acks;
    },
    untilEach: (count, ms) =>
      untilDelivered(
        agent,
        () => senders.every((s) => (received.get(s.conversationId)?.length ?? 0) >= count),
        ms,
      ),
    close: () => {
      for (const client of clients) client.close();
    },
  };
}

import { bootVisitor, type ChatTenant, openConversation } from './chat-tenant.ts';
import { restClient } from './rest.ts';
import { TestClient } from './test-client.ts';

/**
 * A visitor's burst for the kill tests: several sockets sending numbered messages (cids `m-1` …
 * `m-total`) into one conversation, acks recorded as they come, and after a restart the resend a
 * client would make: everything without an ack, plus a few acked ones whose acks it could have
 * lost, with their original cids.
 */
const PER_SOCKET = 50; // within every socket's burst allowance

/** Opens enough ready sockets of the visitor for `total` messages. */
async function visitorSockets(url: () => string, total: number): Promise<TestClient[]> {
  const list: TestClient[] = [];
  for (let s = 0; s < Math.ceil(total / PER_SOCKET); s++) {
    const client = await TestClient.connect(url());
    await client.next('ready');
    list.push(client);
  }
  return list;
}

interface AckLog {
  /** cid → seq of every ack heard so far. */
  acked: Map<string, number>;
  /** Resolves once at least `count` distinct cids are acked; fails after `ms`. */
  atLeast(count: number, ms?: number): Promise<void>;
}

/** Records the acks of these sockets from now on. */
function ackLog(sockets: TestClient[]): AckLog {
  const acked = new Map<string, number>();
  const waiters = new Set<() => void>();
  for (const client of sockets) {
    client.ws.addEventListener('message', (e) => {
      const f = JSON.parse(String(e.data));
      if (f.t !== 'ack') return;
      acked.set(f.cid, f.seq);
      for (const check of waiters) check();
    });
  }
  return {
    acked,
    atLeast: (count, ms = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${acked.size} of ${count} acks within ${ms} ms`));
        }, ms);
        const check = () => {
          if (acked.size < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Sends `m-1` … `m-total`, `PER_SOCKET` per socket, without waiting for anything. */
function sendNumbered(sockets: TestClient[], conversationId: string, total: number): void {
  sockets.forEach((client, s) => {
    for (let i = 1; i <= PER_SOCKET && s * PER_SOCKET + i <= total; i++) {
      const n = s * PER_SOCKET + i;
      client.send({ t: 'send', cid: `m-${n}`, conversationId, body: `message ${n}` });
    }
  });
}

interface Resend {
  /** Acked before the kill and sent again anyway. */
  retried: string[];
  /** Every cid sent after the restart. */
  resend: string[];
  /** Their acks after the restart. */
  acked: Map<string, number>;
}

/** After the restart: resends what a client would, and waits until all of it is acked. */
async function resendAfterRestart(
  sockets: TestClient[],
  conversationId: string,
  ackedBefore: Map<string, number>,
  total: number,
): Promise<Resend> {
  const retried = [...ackedBefore.keys()].slice(-10);
  const resend = [
    ...retried,
    ...Array.from({ length: total }, (_, i) => `m-${i + 1}`).filter((c) => !ackedBefore.has(c)),
  ];
  const log = ackLog(sockets);
  resend.forEach((cid, i) => {
    sockets[i % sockets.length]?.send({
      t: 'send',
      cid,
      conversationId,
      body: `message ${cid.slice(2)}`,
    });
  });
  await log.atLeast(resend.length);
  return { retried, resend, acked: log.acked };
}

export interface KillRun {
  /** The conversation the visitor wrote to. */
  conversationId: string;
  /** cid → seq of every ack heard before the kill. */
  ackedBefore: Map<string, number>;
  /** Acked before the kill and sent again anyway (a client that lost their acks). */
  retried: string[];
  /** Every cid sent after the restart. */
  resend: string[];
  /** cid → seq of their acks after the restart. */
  ackedAfter: Map<string, number>;
}

/**
 * The whole burst: a new visitor of the tenant opens a conversation and sends `m-1` …
 * `m-total`; `kill` runs once `killAfter` of them are acked (it must end the sockets, as SIGKILL
 * does), then `restart`, and the visitor resends on new sockets until everything is acked.
 */
export async function sendThroughKill(options: {
  /** The platform's address, read again after the restart (the port changes). */
  baseUrl: () => string;
  tenant: ChatTenant;
  total: number;
  killAfter: number;
  kill(): Promise<unknown>;
  restart(): Promise<unknown>;
}): Promise<KillRun> {
  const { baseUrl, total } = options;
  const rest = restClient(baseUrl);
  const visitor = await bootVisitor(rest, options.tenant);
  const { id: conversationId } = await openConversation(rest, visitor);
  const socketUrl = () =>
    `${baseUrl().replace('http://', 'ws://')}/v1/ws?token=${visitor.sessionToken}`;

  const senders = await visitorSockets(socketUrl, total);
  const log = ackLog(senders);
  sendNumbered(senders, conversationId, total);
  await log.atLeast(options.killAfter);
  await options.kill();
  await Promise.all(senders.map((c) => c.waitClose()));
  const ackedBefore = new Map(log.acked);

  await options.restart();
  const resenders = await visitorSockets(socketUrl, total);
  const { retried, resend, acked } = await resendAfterRestart(
    resenders,
    conversationId,
    ackedBefore,
    total,
  );
  for (const client of resenders) client.close();
  return { conversationId, ackedBefore, retried, resend, ackedAfter: acked };
}

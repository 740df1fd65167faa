import { TestClient } from '@flc/testkit';

/**
 * A visitor's burst for the kill tests: several sockets sending numbered messages (cids `m-1` …
 * `m-total`) into one conversation, acks recorded as they come, and after a restart the resend a
 * client would make: everything without an ack, plus a few acked ones whose acks it could have
 * lost, with their original cids.
 */
export const PER_SOCKET = 50; // within every socket's burst allowance

/** Opens enough ready sockets of the visitor for `total` messages. */
export async function visitorSockets(url: () => string, total: number): Promise<TestClient[]> {
  const list: TestClient[] = [];
  for (let s = 0; s < Math.ceil(total / PER_SOCKET); s++) {
    const client = await TestClient.connect(url());
    await client.next('ready');
    list.push(client);
  }
  return list;
}

export interface AckLog {
  /** cid → seq of every ack heard so far. */
  acked: Map<string, number>;
  /** Resolves once at least `count` distinct cids are acked; fails after `ms`. */
  atLeast(count: number, ms?: number): Promise<void>;
}

/** Records the acks of these sockets from now on. */
export function ackLog(sockets: TestClient[]): AckLog {
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
export function sendNumbered(sockets: TestClient[], conversationId: string, total: number): void {
  sockets.forEach((client, s) => {
    for (let i = 1; i <= PER_SOCKET && s * PER_SOCKET + i <= total; i++) {
      const n = s * PER_SOCKET + i;
      client.send({ t: 'send', cid: `m-${n}`, conversationId, body: `message ${n}` });
    }
  });
}

export interface Resend {
  /** Acked before the kill and sent again anyway. */
  retried: string[];
  /** Every cid sent after the restart. */
  resend: string[];
  /** Their acks after the restart. */
  acked: Map<string, number>;
}

/** After the restart: resends what a client would, and waits until all of it is acked. */
export async function resendAfterRestart(
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

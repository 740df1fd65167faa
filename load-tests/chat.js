// Chat load: visitors send messages at a set total rate; agents of their organizations receive
// them. Measures send→deliver latency (the send time travels in the message body; one machine's
// clock, or synchronized clocks), acks, and lost messages.
//
//   bun load-tests/seed.ts --api http://localhost:3000 --orgs 2 --visitors 200
//   k6 run -e RATE=200 -e DURATION=30s load-tests/chat.js
//
// Environment: SEED (seed file, ./.seed.json), RATE (messages/s over all visitors, 100),
// DURATION (sending time, 30s), DRAIN (wait for stragglers, 5s), PAIRS_PER_VU (visitors a VU
// drives, 20), P95_MS / P99_MS (latency thresholds, 100 / 250).
import { Counter, Rate, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { loadSeed, number, pairsOf, seconds } from './lib.js';

const seed = loadSeed();
const pairs = pairsOf(seed);
const RATE = number('RATE', 100);
const DURATION = seconds(__ENV.DURATION, 30);
const DRAIN = seconds(__ENV.DRAIN, 5);
const PAIRS_PER_VU = number('PAIRS_PER_VU', 20);
const VUS = Math.max(1, Math.ceil(pairs.length / PAIRS_PER_VU));
// Client ids are unique per run: the server answers a repeated cid with the first ack and no
// new message, so a second run on the same seed must not reuse the first one's.
const RUN = Date.now().toString(36);

const latency = new Trend('flc_send_to_deliver', true);
const sent = new Counter('flc_messages_sent');
const acked = new Counter('flc_messages_acked');
const delivered = new Counter('flc_messages_delivered');
const lost = new Counter('flc_messages_lost');
const errors = new Counter('flc_protocol_errors');
const connected = new Rate('flc_connected');
const notReady = new Counter('flc_not_ready');
const READY_TIMEOUT = number('READY_TIMEOUT', 15);

export const options = {
  scenarios: {
    chat: {
      executor: 'per-vu-iterations',
      vus: VUS,
      iterations: 1,
      maxDuration: `${Math.ceil(DURATION + DRAIN + 60)}s`,
    },
  },
  thresholds: {
    flc_send_to_deliver: [`p(95)<${number('P95_MS', 100)}`, `p(99)<${number('P99_MS', 250)}`],
    flc_messages_lost: ['count==0'],
    flc_protocol_errors: ['count==0'],
    flc_connected: ['rate==1'],
    flc_not_ready: ['count==0'],
  },
};

function open(token, onFrame) {
  const ws = new WebSocket(`${seed.ws}?token=${token}`);
  ws.addEventListener('message', (e) => onFrame(JSON.parse(e.data)));
  ws.addEventListener('error', () => connected.add(false));
  return ws;
}

export default function () {
  const mine = pairs.slice((__VU - 1) * PAIRS_PER_VU, __VU * PAIRS_PER_VU);
  if (mine.length === 0) return;
  // Each visitor sends every `interval` ms, so that all visitors together make RATE/s.
  const interval = (1000 * pairs.length) / RATE;
  const pending = new Map(); // cid → send time, until an agent gets the message
  const sockets = [];
  let readyCount = 0;
  const expectReady = mine.length + new Set(mine.map((p) => p.orgIndex)).size;
  let sending = [];
  let stopped = false;

  // A socket that never becomes ready fails the run at once (flc_not_ready) instead of holding
  // its VU until maxDuration; the names say which socket it was.
  const waitingFor = new Set();
  const gaveUp = setTimeout(() => {
    if (readyCount >= expectReady) return;
    notReady.add(expectReady - readyCount);
    console.error(`VU ${__VU}: not ready after ${READY_TIMEOUT} s: ${[...waitingFor].join(', ')}`);
    stopped = true;
    for (const ws of sockets) ws.close();
  }, READY_TIMEOUT * 1000);

  const onReady = () => {
    readyCount += 1;
    if (readyCount < expectReady || stopped) return;
    clearTimeout(gaveUp);
    // Everyone is connected and subscribed: start sending, spread over the first interval.
    visitors.forEach((v, i) => {
      setTimeout(
        () => {
          let n = 0;
          const fire = () => {
            n += 1;
            const cid = `${RUN}-${__VU}-${i}-${n}`;
            const at = Date.now();
            pending.set(cid, at);
            v.ws.send(
              JSON.stringify({
                t: 'send',
                cid,
                conversationId: v.pair.conversationId,
                body: `load ${at} ${cid}`,
              }),
            );
            sent.add(1);
          };
          if (stopped) return;
          fire();
          sending.push(setInterval(fire, interval));
        },
        (interval * i) / visitors.length,
      );
    });
    setTimeout(() => {
      stopped = true;
      for (const timer of sending) clearInterval(timer);
      sending = [];
      setTimeout(() => {
        lost.add(pending.size);
        for (const ws of sockets) ws.close();
      }, DRAIN * 1000);
    }, DURATION * 1000);
  };

  // One agent socket per organization in this VU, following its visitors' conversations.
  const agents = new Map();
  for (const pair of mine) {
    if (agents.has(pair.orgIndex)) continue;
    const convs = mine.filter((p) => p.orgIndex === pair.orgIndex).map((p) => p.conversationId);
    let waiting = convs.length;
    const name = `agent of organization ${pair.orgIndex}`;
    waitingFor.add(`${name} (no ready)`);
    const ws = open(pair.agentToken, (f) => {
      if (f.t === 'ready') {
        connected.add(true);
        waitingFor.delete(`${name} (no ready)`);
        waitingFor.add(`${name} (subscribing)`);
        for (const conversationId of convs)
          ws.send(JSON.stringify({ t: 'subscribe', conversationId }));
      } else if (f.t === 'subscribed') {
        waiting -= 1;
        if (waiting > 0) return;
        waitingFor.delete(`${name} (subscribing)`);
        onReady();
      } else if (f.t === 'message' && f.cid && pending.has(f.cid)) {
        latency.add(Date.now() - pending.get(f.cid));
        pending.delete(f.cid);
        delivered.add(1);
      } else if (f.t === 'error') {
        errors.add(1);
      }
    });
    agents.set(pair.orgIndex, ws);
    sockets.push(ws);
  }
  const visitors = mine.map((pair) => {
    const v = { pair, ws: null };
    const name = `visitor of ${pair.conversationId}`;
    waitingFor.add(name);
    v.ws = open(pair.visitorToken, (f) => {
      if (f.t === 'ready') {
        connected.add(true);
        waitingFor.delete(name);
        onReady();
      } else if (f.t === 'ack') {
        acked.add(1);
      } else if (f.t === 'error') {
        errors.add(1);
      }
    });
    sockets.push(v.ws);
    return v;
  });
}

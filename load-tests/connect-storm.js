// Connect storm: authenticated WebSocket connects per second, measured from the request to the
// server's `ready` frame.
//
//   k6 run -e RATE=500 -e DURATION=20s load-tests/connect-storm.js
//
// Environment: SEED, RATE (connects/s, 200), DURATION (20s), HOLD (seconds each socket stays, 1),
// P95_MS (threshold on connect→ready, 500).
import { Counter, Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { loadSeed, number, pairsOf, seconds } from './lib.js';

const seed = loadSeed();
const pairs = pairsOf(seed);
const RATE = number('RATE', 200);
const HOLD = number('HOLD', 1);
const toReady = new Trend('flc_connect_to_ready', true);
const failed = new Counter('flc_connect_failed');

export const options = {
  scenarios: {
    storm: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${seconds(__ENV.DURATION, 20)}s`,
      preAllocatedVUs: Math.ceil(RATE * (HOLD + 1)),
      maxVUs: Math.ceil(RATE * (HOLD + 3)),
    },
  },
  thresholds: {
    flc_connect_to_ready: [`p(95)<${number('P95_MS', 500)}`],
    flc_connect_failed: ['count==0'],
  },
};

export default function () {
  const pair = pairs[(__VU * 7919 + __ITER) % pairs.length];
  const started = Date.now();
  const ws = new WebSocket(`${seed.ws}?token=${pair.visitorToken}`);
  let ready = false;
  ws.addEventListener('message', (e) => {
    if (ready || JSON.parse(e.data).t !== 'ready') return;
    ready = true;
    toReady.add(Date.now() - started);
    setTimeout(() => ws.close(), HOLD * 1000);
  });
  ws.addEventListener('close', () => {
    if (!ready) failed.add(1);
  });
  ws.addEventListener('error', () => {
    if (!ready) ws.close();
  });
}

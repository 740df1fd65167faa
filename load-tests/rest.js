// REST load: the hot reads (the inbox list, a page of history) and writes (agent replies) at a
// constant request rate, as agents' consoles and tenants' backends make them.
//
//   k6 run -e RATE=1000 -e DURATION=30s load-tests/rest.js
//
// Environment: SEED, RATE (requests/s, 200), DURATION (30s), WRITE_SHARE (0.05),
// READ_P99_MS (threshold on reads, 10), WRITE_P99_MS (threshold on writes, 50).
import { check } from 'k6';
import http from 'k6/http';
import { loadSeed, number, pairsOf, seconds } from './lib.js';

const seed = loadSeed();
const pairs = pairsOf(seed);
const RATE = number('RATE', 200);
const WRITE_SHARE = number('WRITE_SHARE', 0.05);

export const options = {
  scenarios: {
    rest: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${seconds(__ENV.DURATION, 30)}s`,
      preAllocatedVUs: Math.max(10, Math.ceil(RATE / 20)),
      maxVUs: Math.max(50, RATE),
    },
  },
  thresholds: {
    'http_req_duration{kind:read}': [`p(99)<${number('READ_P99_MS', 10)}`],
    'http_req_duration{kind:write}': [`p(99)<${number('WRITE_P99_MS', 50)}`],
    http_req_failed: ['rate<0.001'],
  },
};

export default function () {
  const pair = pairs[Math.floor(Math.random() * pairs.length)];
  const headers = {
    authorization: `Bearer ${pair.agentToken}`,
    'content-type': 'application/json',
  };
  const roll = Math.random();
  let res;
  if (roll < WRITE_SHARE) {
    res = http.post(
      `${seed.api}/v1/conversations/${pair.conversationId}/messages`,
      JSON.stringify({ body: `reply ${Date.now()}` }),
      { headers, tags: { kind: 'write', name: 'POST messages' } },
    );
    check(res, { 'reply 201': (r) => r.status === 201 });
  } else if (roll < 0.6) {
    res = http.get(`${seed.api}/v1/conversations?status=open&limit=20`, {
      headers,
      tags: { kind: 'read', name: 'GET conversations' },
    });
    check(res, { 'inbox 200': (r) => r.status === 200 });
  } else {
    res = http.get(`${seed.api}/v1/conversations/${pair.conversationId}/messages?limit=50`, {
      headers,
      tags: { kind: 'read', name: 'GET messages' },
    });
    check(res, { 'history 200': (r) => r.status === 200 });
  }
}

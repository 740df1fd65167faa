/**
 * The baseline: uWebSockets.js + Redis Streams and nothing else. A client sends
 * `{room, ts, body}`; the server XADDs it to its room's shard stream; one blocking XREAD loop over
 * all shards publishes each entry to the sockets in the room (uWS topics). No auth, no storage,
 * no acks: what any product on this stack pays at least. Runs on Node (uWS has no Bun build).
 */

import { App, us_listen_socket_close, us_socket_local_port } from 'uWebSockets.js';
import { Redis } from 'ioredis';

const SHARDS = 16;
const MAXLEN = '100000';
const READ_COUNT = 1000;
const BLOCK_MS = 1000;

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL is required');
const streams = Array.from({ length: SHARDS }, (_, i) => `bench:bare:${i}`);
// Commands issued in one tick go out as one pipeline.
const writer = new Redis(redisUrl, { enableAutoPipelining: true });
const reader = new Redis(redisUrl);
await writer.del(...streams);

const shardOf = (room: string): string => {
  let h = 0;
  for (let i = 0; i < room.length; i++) h = (h * 31 + room.charCodeAt(i)) | 0;
  return streams[(h >>> 0) % SHARDS] as string;
};

interface SocketData {
  room: string;
}

const app = App().ws<SocketData>('/*', {
  maxPayloadLength: 16 * 1024,
  idleTimeout: 120,
  maxBackpressure: 4 * 1024 * 1024,
  sendPingsAutomatically: true,
  upgrade(res, req, context) {
    res.upgrade<SocketData>(
      { room: req.getQuery('room') ?? '' },
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  open(ws) {
    ws.subscribe(ws.getUserData().room);
  },
  message(_ws, message) {
    // The buffer lives only during this call: decode it now.
    const text = Buffer.from(message).toString('utf8');
    const { room } = JSON.parse(text) as { room: string };
    void writer.xadd(shardOf(room), 'MAXLEN', '~', MAXLEN, '*', 'r', room, 'd', text);
  },
});

let running = true;
async function fanOut(): Promise<void> {
  const ids = streams.map(() => '0-0');
  while (running) {
    const reply = (await reader.xread(
      'COUNT',
      READ_COUNT,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      ...streams,
      ...ids,
    )) as [string, [string, string[]][]][] | null;
    if (!reply) continue;
    for (const [stream, entries] of reply) {
      for (const [, fields] of entries)
        app.publish(fields[1] as string, fields[3] as string, false);
      const last = entries.at(-1);
      if (last) ids[streams.indexOf(stream)] = last[0];
    }
  }
}

app.listen('127.0.0.1', 0, (listen) => {
  if (!listen) throw new Error('cannot listen');
  console.log(`bare pipeline listening on ws://127.0.0.1:${us_socket_local_port(listen)}`);
  const loop = fanOut();
  process.once('SIGTERM', async () => {
    running = false;
    us_listen_socket_close(listen);
    await loop.catch(() => {});
    reader.disconnect();
    writer.disconnect();
    process.exit(0);
  });
});

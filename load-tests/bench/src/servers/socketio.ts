/**
 * Socket.IO 4 with its Redis Streams adapter, the usual way to scale it out: each socket joins
 * its room from the handshake; an `m` event `{room, ts, body}` is broadcast to the room, which
 * the adapter also appends to its Redis stream for other servers. Runs on Node.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL is required');
const redis = new Redis(redisUrl);
await redis.del('bench:sio');

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  adapter: createAdapter(redis, { streamName: 'bench:sio' }),
});

io.on('connection', (socket) => {
  void socket.join(String(socket.handshake.query.room ?? ''));
  socket.on('m', (message: { room: string }) => {
    io.to(message.room).emit('m', message);
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`socket.io listening on ws://127.0.0.1:${port}`);
});

process.once('SIGTERM', () => {
  io.close();
  redis.disconnect();
  process.exit(0);
});

import { join } from 'node:path';
import { runToCompletion, startServer } from '../spawn.ts';
import { nodeFlags } from './node-flags.ts';
import { plainSockets } from './sockets.ts';
import type { Target } from './types.ts';

const bench = join(import.meta.dir, '../..');
let built: Promise<void> | undefined;

/** The comparison servers are TypeScript run by Node: bundled once per run, packages external. */
function buildServers(): Promise<void> {
  built ??= runToCompletion(
    'comparison servers build',
    [
      'bun',
      'build',
      'src/servers/bare.ts',
      'src/servers/socketio.ts',
      ...['--target=node', '--outdir=dist', '--packages=external'],
    ],
    bench,
  );
  return built;
}

function nodeTarget(name: 'bare' | 'socketio', label: string, ready: RegExp): Target {
  return {
    name,
    label,
    async start(ctx) {
      await buildServers();
      const cmd = ['node', ...nodeFlags(ctx.options), join(bench, 'dist', `${name}.js`)];
      const server = await startServer(label, cmd, {
        env: { REDIS_URL: ctx.services.redisUrl },
        ready,
      });
      return {
        name,
        protocol: name,
        pid: server.pid,
        sockets: plainSockets(`ws://${server.match[1]}`, ctx.options.sockets / 2),
        stop: server.stop,
        output: server.output,
      };
    },
  };
}

/** uWebSockets.js + Redis Streams with no product logic: the floor the product is held to. */
export const bare = nodeTarget(
  'bare',
  'bare uWS + Redis Streams',
  /listening on ws:\/\/([\d.]+:\d+)/,
);

/** Socket.IO 4 with @socket.io/redis-streams-adapter: what teams reach for instead. */
export const socketio = nodeTarget(
  'socketio',
  'Socket.IO 4 + redis-streams',
  /listening on ws:\/\/([\d.]+:\d+)/,
);

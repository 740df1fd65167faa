import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cachedBinary } from '../../../../scripts/test-services/server.ts';
import type { SocketSpec } from '../messages.ts';
import { startServer } from '../spawn.ts';
import { plainSockets } from './sockets.ts';
import type { Target } from './types.ts';

/** The version `.ci/run` builds into the cache (`go install …/centrifugo/v6@<version>`). */
export const CENTRIFUGO_VERSION = 'v6.9.1';

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** An HS256 connection token for user `sub`, as a tenant's backend would sign it. */
function connectionToken(secret: string, sub: string): string {
  const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
  const body = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub, exp }))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** A free loopback port (Centrifugo is told where to listen; it prints no chosen port). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Centrifugo v6 on the same Redis, with history and recovery on for the room channels (`room:`
 * namespace), so a publication is kept as durably as the product's acked append. Clients
 * authenticate with a JWT, subscribe to their room and publish to it over the JSON protocol.
 */
export const centrifugo: Target = {
  name: 'centrifugo',
  label: `Centrifugo ${CENTRIFUGO_VERSION} + Redis`,
  async start(ctx) {
    const secret = crypto.randomUUID();
    const port = await freePort();
    const config = {
      log: { level: 'info' }, // its ready line is an info line; it logs nothing per connection
      http_server: { address: '127.0.0.1', port },
      client: {
        token: { hmac_secret_key: secret },
        allowed_origins: ['*'],
      },
      engine: {
        type: 'redis',
        redis: { address: [ctx.services.redisUrl], prefix: `bench-${ctx.runId}` },
      },
      channel: {
        namespaces: [
          {
            name: 'room',
            allow_subscribe_for_client: true,
            allow_publish_for_subscriber: true,
            history_size: 100,
            history_ttl: '300s',
            force_recovery: true,
          },
        ],
      },
    };
    const file = join(ctx.runDir, 'centrifugo.json');
    writeFileSync(file, JSON.stringify(config));
    const server = await startServer(this.label, [cachedBinary('centrifugo'), '--config', file], {
      env: { GOMAXPROCS: '2' },
      ready: /serving websocket/,
    });
    const url = `ws://127.0.0.1:${port}/connection/websocket`;
    const sockets = plainSockets(url, ctx.options.sockets / 2).map(
      (spec, i): SocketSpec => ({ ...spec, token: connectionToken(secret, `u${i}`) }),
    );
    return {
      name: 'centrifugo',
      protocol: 'centrifugo',
      pid: server.pid,
      sockets,
      stop: server.stop,
      output: server.output,
    };
  },
};

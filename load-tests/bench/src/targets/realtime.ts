import { join } from 'node:path';
import { WS_PATH } from '@flc/protocol';
import { runToCompletion, startServer } from '../spawn.ts';
import { nodeFlags } from './node-flags.ts';
import { productEnv, root } from './product.ts';
import { seededSockets } from './sockets.ts';
import type { Target } from './types.ts';

/** The product's realtime node (apps/realtime: Node + uWebSockets.js, Redis Streams bus). */
export const realtime: Target = {
  name: 'realtime',
  label: 'FLC realtime node',
  async start(ctx) {
    const seed = await ctx.productSeed();
    const app = join(root, 'apps/realtime');
    ctx.log('building apps/realtime (bun run build)…');
    await runToCompletion('apps/realtime build', ['bun', 'run', 'build'], app);
    const env = {
      ...productEnv(seed.jwtSecret),
      DATABASE_URL: seed.databaseUrl,
      REDIS_URL: ctx.services.redisUrl,
      // Usage metering runs in the workers (their CPU is the helper's): --metering 0 turns it off.
      FLC_METERING_INTERVAL: String(ctx.options.metering),
    };
    // The scaled profile as deployed: the node appends, the persister workers (on the same
    // machine, so their CPU counts against the node's) store messages and move the inbox.
    const workers = await startServer('workers', ['bun', join(root, 'apps/workers/src/main.ts')], {
      env,
      ready: /workers running \(persister/,
    });
    const cmd = ['node', ...nodeFlags(ctx.options), join(app, 'dist/main.js')];
    const node = await startServer('realtime node', cmd, {
      env,
      ready: /listening on ws:\/\/([\d.]+:\d+)/,
    }).catch(async (error: unknown) => {
      await workers.stop();
      throw error;
    });
    return {
      name: 'realtime',
      protocol: 'flc',
      pid: node.pid,
      helper: { label: 'workers', pid: workers.pid },
      sockets: seededSockets(`ws://${node.match[1]}${WS_PATH}`, seed),
      seedMs: seed.ms,
      seedCached: seed.cachedFrom !== undefined,
      async stop() {
        await node.stop();
        await workers.stop();
      },
      output: node.output,
    };
  },
};

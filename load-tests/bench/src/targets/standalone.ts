import { join } from 'node:path';
import { WS_PATH } from '@flc/protocol';
import { openDatabase } from '@flc/storage/postgres';
import { startServer } from '../spawn.ts';
import { nodeFlags } from './node-flags.ts';
import { productEnv, root } from './product.ts';
import { loadRows } from './seed-store.ts';
import { seededSockets } from './sockets.ts';
import type { Target } from './types.ts';

/**
 * The standalone profile (apps/standalone: one Bun process, Bun.serve WebSockets, in-memory bus,
 * PGlite in FLC_DATA_DIR). It gets the rooms seeded through the API for the realtime target,
 * copied into its PGlite (same ids, same JWT secret, so the same tokens): seeding twice through
 * REST would double the run's longest step, and the copy is row for row what REST wrote.
 */
export const standalone: Target = {
  name: 'standalone',
  label: 'FLC standalone',
  async start(ctx) {
    const seed = await ctx.productSeed();
    const dataDir = join(ctx.runDir, 'standalone-data');
    const copyStarted = performance.now();
    const db = await openDatabase({ dataDir });
    try {
      await loadRows(db.sql, seed.dataSql);
    } finally {
      await db.close();
    }
    ctx.log(
      `copied the seeded rows into PGlite in ${Math.round(performance.now() - copyStarted)} ms`,
    );
    const server = await startServer(
      'standalone',
      ['bun', ...nodeFlags(ctx.options), join(root, 'apps/standalone/src/main.ts')],
      {
        env: {
          ...productEnv(seed.jwtSecret),
          FLC_DATA_DIR: dataDir,
          // Usage metering runs in this process: --metering 0 turns it off.
          FLC_METERING_INTERVAL: String(ctx.options.metering),
        },
        ready: /running at http:\/\/([\d.]+:\d+)/,
      },
    );
    return {
      name: 'standalone',
      protocol: 'flc',
      pid: server.pid,
      sockets: seededSockets(`ws://${server.match[1]}${WS_PATH}`, seed),
      seedMs: seed.ms,
      seedCached: seed.cachedFrom !== undefined,
      stop: server.stop,
      output: server.output,
    };
  },
};

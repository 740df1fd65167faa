import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { describeProtocol } from '@flc/gateway/testing';
import { startStandalone } from './standalone.ts';

// The protocol suite on the embedded profile: Bun.serve's WebSocket beside the API on one port,
// the in-memory bus, PGlite.
describeProtocol('Bun.serve standalone + memory bus', async () => {
  const dataDir = join(tmpdir(), `flc-protocol-${crypto.randomUUID()}`);
  const jwtSecret = `${crypto.randomUUID()}${crypto.randomUUID()}`;
  const platform = await startStandalone(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir, JWT_SECRET: jwtSecret }),
  );
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= platform.stop();
    return stopped;
  };
  return {
    api: platform.url,
    ws: `${platform.url.replace('http://', 'ws://')}/v1/ws`,
    jwtSecret,
    stopRealtime: stop,
    async stop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

import { describe } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceUrl } from '@flc/storage/testing';
import { describeLoggedSession } from './testing/logged-session.ts';

// With REDIS_URL: appends go to the Redis bus with the request id in the stream entry, and the
// process's persister Web Workers log it with the batch that stores the message.
const redis = serviceUrl('redis');
const dataDir = join(tmpdir(), `flc-logs-redis-${crypto.randomUUID()}`);
if (redis) {
  describeLoggedSession(
    'with REDIS_URL',
    async () => ({
      FLC_DATA_DIR: dataDir,
      REDIS_URL: redis,
      FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
    }),
    { persister: true, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) },
  );
} else {
  describe.skip('logs of the standalone process with REDIS_URL (no Redis)', () => {});
}

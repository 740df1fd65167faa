import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLoggedSession } from './testing/logged-session.ts';

// The embedded profile: PGlite, the memory bus, messages written through by the request.
const dataDir = join(tmpdir(), `flc-logs-${crypto.randomUUID()}`);
describeLoggedSession('(embedded)', async () => ({ FLC_DATA_DIR: dataDir }), {
  persister: false,
  cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
});

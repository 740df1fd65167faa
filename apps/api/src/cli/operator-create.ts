import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@flc/config';
import { migrate, openDatabase } from '@flc/storage/postgres';
import { saveOperator } from '../features/operator/accounts.ts';
import { ApiError } from '../lib/errors.ts';

// `bun run operator:create --email ops@example.com [--password-stdin] [--reset-two-factor]`:
// creates a platform operator, or resets the one with that email (new password, its tokens
// ended; `--reset-two-factor` also turns its two-factor off). Opens the configured database
// (DATABASE_URL, or the embedded one under FLC_DATA_DIR: stop the server first, PGlite is one
// process's) and applies the migrations. The password is read from stdin or typed without echo;
// it is never printed.

const usage =
  'usage: bun run operator:create --email <address> [--password-stdin] [--reset-two-factor]';

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const text = await Bun.stdin.text();
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Password (not shown): ');
  // The terminal stops echoing while the password is typed, and echoes again after.
  Bun.spawnSync(['stty', '-echo'], { stdin: 'inherit' });
  try {
    for await (const line of console) return line;
    return '';
  } finally {
    Bun.spawnSync(['stty', 'echo'], { stdin: 'inherit' });
    process.stderr.write('\n');
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      'reset-two-factor': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.email) {
    console.error(usage);
    return 2;
  }
  const config = loadConfigOrExit();
  const password = await readPassword(values['password-stdin'] === true);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sharedBuffersMb: config.embeddedSharedBuffersMb,
  });
  try {
    await migrate(db.sql);
    const { operator, created } = await saveOperator(
      db.sql,
      { email: values.email, password, resetTwoFactor: values['reset-two-factor'] === true },
      { operator: { id: null, email: values.email }, origin: { ip: null, userAgent: 'cli' } },
    );
    console.log(
      `${created ? 'Created' : 'Reset'} operator ${operator.email} (${operator.id}); two-factor ${operator.twoFactorEnabled ? 'on' : 'off'}. Sign in at POST /v1/operator/session.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      // The password policy's reason, never the password.
      console.error(`Refused: ${error.details?.map((d) => d.message).join('; ') ?? error.message}`);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await db.close();
  }
}

process.exit(await main());

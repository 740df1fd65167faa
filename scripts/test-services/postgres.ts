import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  findBinary,
  freePort,
  isRoot,
  runServer,
  runToCompletion,
  type ServiceSpec,
  systemUser,
  tempDir,
} from './server.ts';

/** Debian keeps the server binaries off PATH, one directory per major version; newest first. */
export function debianBinDirs(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join('/usr/lib/postgresql', version, 'bin'));
  } catch {
    return []; // not installed from Debian's packages
  }
}

export const postgres: ServiceSpec = {
  variable: 'TEST_DATABASE_URL',
  label: 'PostgreSQL',
  async start(teardown) {
    const found = findBinary('postgres', debianBinDirs());
    if (!found) {
      throw new Error(
        'no `postgres` binary on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)',
      );
    }
    // initdb and pg_isready live beside the real binary, not beside a symlink to it.
    const bin = dirname(realpathSync(found));
    // PostgreSQL refuses to run as root; run it as the account the package created.
    const user = isRoot() ? systemUser('postgres') : null;
    if (isRoot() && !user) {
      throw new Error('running as root, and there is no `postgres` user to run the server as');
    }
    const owner = user ?? undefined;
    const dir = tempDir(teardown, 'postgres', owner);
    const data = join(dir, 'data');
    await runToCompletion(
      'initdb',
      [
        join(bin, 'initdb'),
        ...['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8'],
        ...['--no-locale', '--no-sync', '--no-instructions'],
      ],
      { cwd: dir, user: owner },
    );
    const port = freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    };
    await runServer(teardown, {
      label: 'PostgreSQL',
      command: [
        join(bin, 'postgres'),
        ...['-D', data, '-p', String(port)],
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      dir,
      user: owner,
      stopSignal: 'SIGINT', // fast shutdown: disconnect clients, don't wait for them
      ready: () => pgIsReady(bin, port),
    });
    return `postgres://postgres@127.0.0.1:${port}/postgres`;
  },
};

async function pgIsReady(bin: string, port: number): Promise<boolean> {
  const check = Bun.spawn(
    [join(bin, 'pg_isready'), '-q', '-h', '127.0.0.1', '-p', String(port), '-t', '1'],
    { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' },
  );
  return (await check.exited) === 0;
}

import { mongoHello } from './probes.ts';
import { cachedBinary, freePort, runServer, type ServiceSpec, tempDir } from './server.ts';

/** MongoDB's wire protocol served by FerretDB on SQLite files: no MongoDB server needed. */
export const ferretdb: ServiceSpec = {
  variable: 'TEST_MONGODB_URL',
  label: 'FerretDB (MongoDB)',
  async start(teardown) {
    const bin = cachedBinary('ferretdb');
    const dir = tempDir(teardown, 'ferretdb');
    const port = freePort();
    await runServer(teardown, {
      label: 'FerretDB',
      command: [
        bin,
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-', // its metrics listener would claim a fixed port
        '--telemetry=disable',
        '--log-level=error',
      ],
      dir,
      stopSignal: 'SIGTERM',
      ready: () => mongoHello(port),
    });
    return `mongodb://127.0.0.1:${port}/`;
  },
};

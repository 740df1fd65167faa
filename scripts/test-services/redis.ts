import { redisPing } from './probes.ts';
import { findBinary, freePort, runServer, type ServiceSpec, tempDir } from './server.ts';

export const redis: ServiceSpec = {
  variable: 'TEST_REDIS_URL',
  label: 'Redis',
  async start(teardown) {
    const bin = findBinary('redis-server');
    if (!bin) throw new Error('no `redis-server` on PATH (apt-get install redis-server)');
    const dir = tempDir(teardown, 'redis');
    const port = freePort();
    await runServer(teardown, {
      label: 'Redis',
      command: [
        bin,
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
        ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ],
      dir,
      stopSignal: 'SIGTERM',
      ready: () => redisPing(port),
    });
    return `redis://127.0.0.1:${port}`;
  },
};

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from 'bun';
import { cachedBinary, freePort, runServer, type ServiceSpec, tempDir } from './server.ts';
import type { Teardown } from './teardown.ts';

const ACCESS_KEY = 'flc-test';
const SECRET_KEY = 'flc-test-secret';
const BUCKET = 'flc-test';

/**
 * SeaweedFS (`weed server` with its S3 gateway): a real S3-compatible object store, for the
 * attachment storage suites. Every port is given (the defaults would clash with another run), and
 * it phones nowhere (telemetry off). Ready once an object can be written and read back.
 */
export const seaweedfs: ServiceSpec<
  Record<
    'TEST_S3_ENDPOINT' | 'TEST_S3_BUCKET' | 'TEST_S3_ACCESS_KEY' | 'TEST_S3_SECRET_KEY',
    string
  >
> = {
  variable: 'TEST_S3_ENDPOINT',
  label: 'SeaweedFS (S3)',
  async start(teardown) {
    // Nine ports taken at once can meet one another server took meanwhile: try again with others.
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce(teardown);
      } catch (error) {
        if (attempt === 3) throw error;
        console.warn(`[test] SeaweedFS did not start (attempt ${attempt}); trying other ports`);
      }
    }
  },
};

async function startOnce(teardown: Teardown) {
  const bin = cachedBinary('weed');
  const dir = tempDir(teardown, 'seaweedfs');
  const config = join(dir, 's3.json');
  writeFileSync(
    config,
    JSON.stringify({
      identities: [
        {
          name: ACCESS_KEY,
          credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }],
          actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
        },
      ],
    }),
  );
  const port = () => String(freePort());
  const s3Port = port();
  await runServer(teardown, {
    label: 'SeaweedFS',
    command: [
      bin,
      'server',
      `-dir=${dir}`,
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-master.port=${port()}`,
      `-master.port.grpc=${port()}`,
      '-master.telemetry=false',
      `-volume.port=${port()}`,
      `-volume.port.grpc=${port()}`,
      '-volume.max=4',
      '-filer',
      `-filer.port=${port()}`,
      `-filer.port.grpc=${port()}`,
      '-s3',
      `-s3.port=${s3Port}`,
      `-s3.port.grpc=${port()}`,
      `-s3.config=${config}`,
      '-iam=false',
    ],
    dir,
    // Its files are thrown away: killed at once rather than waiting ~10 s for its shutdown.
    stopSignal: 'SIGKILL',
    ready: () => roundTrip(`http://127.0.0.1:${s3Port}`),
  });
  return {
    TEST_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    TEST_S3_BUCKET: BUCKET,
    TEST_S3_ACCESS_KEY: ACCESS_KEY,
    TEST_S3_SECRET_KEY: SECRET_KEY,
  };
}

async function roundTrip(endpoint: string): Promise<boolean> {
  const client = new S3Client({
    endpoint,
    bucket: BUCKET,
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET_KEY,
  });
  try {
    await client.write('ready-probe', 'ok');
    return (await client.file('ready-probe').text()) === 'ok';
  } catch {
    return false;
  }
}

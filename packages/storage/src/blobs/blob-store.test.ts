import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobStoreSuite } from '../testing/blob-store-suite.ts';
import { serviceUrl } from '../testing/services.ts';
import { FileBlobStore } from './file-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

const dir = join(tmpdir(), `flc-blobs-${crypto.randomUUID()}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files under a directory', () => {
  blobStoreSuite(() => new FileBlobStore(dir));

  test('a key never leaves the directory', async () => {
    const blobs = new FileBlobStore(dir);
    for (const bad of ['../escape', 'a/../../escape', '/etc/passwd', 'a b']) {
      await expect(blobs.put(bad, Uint8Array.of(1))).rejects.toThrow('Not a blob key');
    }
  });
});

const s3 = serviceUrl('s3');
describe.if(Boolean(s3))('an S3-compatible bucket (SeaweedFS)', () => {
  blobStoreSuite(
    () =>
      new S3BlobStore({
        endpoint: s3 ?? '',
        bucket: process.env.TEST_S3_BUCKET ?? 'flc-test',
        region: 'us-east-1',
        accessKeyId: process.env.TEST_S3_ACCESS_KEY,
        secretAccessKey: process.env.TEST_S3_SECRET_KEY,
      }),
  );
});

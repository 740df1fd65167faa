import { expect, test } from 'bun:test';
import type { BlobStore } from '@flc/core';

/** The one conformance suite every BlobStore adapter passes (files, S3). */
export function blobStoreSuite(open: () => BlobStore) {
  const key = () => `org-${crypto.randomUUID()}/${crypto.randomUUID()}`;

  test('what is put is got back byte for byte; a missing key is null', async () => {
    const blobs = open();
    const k = key();
    const bytes = crypto.getRandomValues(new Uint8Array(300_000));
    await blobs.put(k, bytes, 'application/octet-stream');
    expect(await blobs.get(k)).toEqual(bytes);
    expect(await blobs.get(key())).toBeNull();
  });

  test('a put replaces; delete removes, and deleting what is gone is no error', async () => {
    const blobs = open();
    const [a, b] = [key(), key()];
    await blobs.put(a, new TextEncoder().encode('first'), 'text/plain');
    await blobs.put(a, new TextEncoder().encode('second'), 'text/plain');
    await blobs.put(b, Uint8Array.of(1, 2, 3), 'application/octet-stream');
    expect(new TextDecoder().decode((await blobs.get(a)) ?? undefined)).toBe('second');
    await blobs.delete([a, b, key()]);
    expect(await blobs.get(a)).toBeNull();
    expect(await blobs.get(b)).toBeNull();
    await blobs.delete([a]);
  });
}

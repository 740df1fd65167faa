import type { BlobStore } from '@flc/core';
import type { S3Client } from 'bun';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/**
 * Blobs in an S3-compatible bucket, through Bun's S3 client (the scaled profile). The client is
 * made on first use: the realtime nodes run on Node and compose the same platform, but never
 * touch attachments' bytes, so they must not need Bun for it.
 */
export class S3BlobStore implements BlobStore {
  private made: S3Client | undefined;

  constructor(private readonly options: S3Options) {}

  private get client(): S3Client {
    if (this.made) return this.made;
    const bun = (globalThis as { Bun?: { S3Client: typeof S3Client } }).Bun;
    if (!bun) throw new Error('Attachments in S3 are read and written by the Bun processes only');
    this.made = new bun.S3Client(this.options);
    return this.made;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.write(key, bytes, { type: contentType });
  }

  async get(key: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const file = this.client.file(key);
    try {
      return new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      if ((error as { code?: string }).code === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.client.delete(key)));
  }
}

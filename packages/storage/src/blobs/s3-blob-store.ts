import type { BlobStore } from '@flc/core';
import { S3Client } from 'bun';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Blobs in an S3-compatible bucket, through Bun's S3 client (the scaled profile). */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(options: S3Options) {
    this.client = new S3Client(options);
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

/**
 * Where attachment bytes are kept, by key: files under the data directory (embedded profile) or
 * an S3-compatible bucket (scaled profile). Keys are the platform's own (`<org>/<id>`), never a
 * name a user gave.
 */
export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is kept under the key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Deletes what is kept under the keys; a missing one is no error. */
  delete(keys: readonly string[]): Promise<void>;
}

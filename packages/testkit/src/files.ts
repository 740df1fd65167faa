import { join } from 'node:path';
import type { Reply, Rest } from './rest.ts';

/** A 31 × 17 PNG (the fixture the sniffing tests read), for uploads in any suite. */
export const pixelPng = new Uint8Array(
  await Bun.file(
    join(import.meta.dir, '../../core/src/attachments/fixtures/pixel.png'),
  ).arrayBuffer(),
);

/** Uploads `bytes` as the multipart `file` part named `name`, the way the clients do. */
export function uploadFile(
  rest: Rest,
  path: string,
  headers: Record<string, string>,
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
): Promise<Reply> {
  const form = new FormData();
  form.set('file', new Blob([bytes]), name);
  return rest('POST', path, form, headers);
}

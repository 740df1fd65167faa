import type { Config } from '@flc/config';

/** Room for a multipart upload's boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;
const UPLOAD = /^\/v1\/(widget\/)?conversations\/[^/]+\/attachments$/;

/** The same, as the API document names the operation (`post`, `/v1/conversations/{id}/…`). */
export const isUploadOperation = (method: string, path: string): boolean =>
  method.toLowerCase() === 'post' && UPLOAD.test(path);

/** An attachment upload: the one kind of request whose body is `multipart/form-data`. */
export const isUpload = (request: Request): boolean =>
  request.method === 'POST' && UPLOAD.test(new URL(request.url).pathname);

/** The largest body a request may declare: an attachment upload's limit, or FLC_MAX_BODY_BYTES. */
export const bodyLimitOf = (config: Config, request: Request): number =>
  isUpload(request) ? serverBodyLimit(config) : config.maxBodyBytes;

/** The server's own cap on any body (Bun's `maxRequestBodySize`): the largest of both limits. */
export const serverBodyLimit = (config: Config): number =>
  Math.max(config.maxBodyBytes, config.attachmentMaxBytes + MULTIPART_OVERHEAD);

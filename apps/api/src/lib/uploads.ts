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

/** A raw mail posted to the inbound mail endpoint. */
export const isInboundMail = (request: Request): boolean =>
  request.method === 'POST' && new URL(request.url).pathname === '/v1/inbound-mail';

/**
 * The largest body a request may declare: an attachment upload's limit, an inbound mail's
 * (FLC_INBOUND_MAIL_MAX_BYTES), or FLC_MAX_BODY_BYTES.
 */
export const bodyLimitOf = (config: Config, request: Request): number =>
  isUpload(request)
    ? Math.max(config.maxBodyBytes, config.attachmentMaxBytes + MULTIPART_OVERHEAD)
    : isInboundMail(request)
      ? config.inboundMailMaxBytes
      : config.maxBodyBytes;

/** The server's own cap on any body (Bun's `maxRequestBodySize`): the largest of the limits. */
export const serverBodyLimit = (config: Config): number =>
  Math.max(
    config.maxBodyBytes,
    config.attachmentMaxBytes + MULTIPART_OVERHEAD,
    config.inboundMailMaxBytes,
  );

import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Timestamp } from './common.ts';

/** A file or image uploaded to a conversation; its type and size were read from its bytes. */
export const Attachment = T.Object({
  id: Id,
  conversationId: Id,
  fileName: T.String({ minLength: 1, maxLength: 255 }),
  contentType: T.String({
    description:
      'Read from the bytes: image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain; charset=utf-8, else application/octet-stream',
  }),
  size: T.Integer({ minimum: 1, description: 'Bytes' }),
  image: T.Boolean({ description: 'An image shown inline (its width and height are known)' }),
  width: T.Optional(T.Integer({ minimum: 1 })),
  height: T.Optional(T.Integer({ minimum: 1 })),
  url: T.String({
    description:
      'Signed link to the bytes, good for FLC_ATTACHMENT_LINK_TTL seconds: a path on this API (`/v1/attachments/{id}?exp=…&sig=…`)',
  }),
  createdAt: Timestamp,
});
export type Attachment = Static<typeof Attachment>;

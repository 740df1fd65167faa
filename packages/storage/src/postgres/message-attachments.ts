import { type AttachmentLinks, InvalidRequestError, type MessageAttachments } from '@flc/core';
import type { MessageAttachment } from '@flc/protocol';
import type { Queryable } from './database.ts';
import { isUuid } from './uuid.ts';

/** An `attachments` row, as far as a message shows it. */
export interface AttachmentRow {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
}

/**
 * The attachments a message may carry: those uploaded to its own conversation (the `attachments`
 * table), in the order the sender named them, with links signed by the platform's key.
 */
export class PostgresMessageAttachments implements MessageAttachments {
  constructor(
    private readonly sql: Queryable,
    private readonly links: AttachmentLinks,
  ) {}

  async resolve(
    organizationId: string,
    conversationId: string,
    ids: readonly string[],
  ): Promise<MessageAttachment[]> {
    const wanted = ids.filter(isUuid);
    const rows =
      wanted.length === 0
        ? []
        : await this.sql<AttachmentRow[]>`
            select id, file_name, content_type, size, width, height from attachments
            where id = any(${wanted}::uuid[]) and organization_id = ${organizationId}
              and conversation_id = ${conversationId}`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const unknown = ids.flatMap((id, i) => (byId.has(id) ? [] : [i]));
    if (unknown.length > 0) {
      throw new InvalidRequestError(
        unknown.map((i) => ({
          path: `attachments/${i}`,
          message: 'No attachment of this id was uploaded to the conversation',
        })),
      );
    }
    return ids.map((id) => messageAttachment(byId.get(id) as AttachmentRow, this.links));
  }

  relink(attachments: readonly MessageAttachment[]): MessageAttachment[] {
    return attachments.map((a) => ({ ...a, url: this.links.path(a.id) }));
  }
}

/** How a message shows an attachment: what it is, its image size, and a freshly signed link. */
export function messageAttachment(r: AttachmentRow, links: AttachmentLinks): MessageAttachment {
  const image = r.width !== null && r.height !== null;
  return {
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    image,
    ...(image && { width: r.width as number, height: r.height as number }),
    url: links.path(r.id),
  };
}

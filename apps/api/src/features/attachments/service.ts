import { type Actor, AttachmentLinks, scopeOf, sniff, uuidv7 } from '@flc/core';
import type { Attachment } from '@flc/protocol/resources';
import { type AttachmentRow, messageAttachment, type TransactionSql } from '@flc/storage/postgres';
import type { ApiDeps } from '../../deps.ts';
import { ApiError, forbidden, notFound, validation } from '../../lib/errors.ts';

interface UploadRow extends AttachmentRow {
  organization_id: string;
  conversation_id: string;
  created_at: Date;
}

/** Enough of the file to tell its type; a text file is checked this far. */
const SNIFF_BYTES = 64 * 1024;
const NAME_MAX = 255;

/**
 * Uploads and the signed links to their bytes. An upload is checked against the size and the
 * organization's storage limits, typed from its bytes, kept in the blob store under
 * `<organization>/<id>`, then recorded; the limit is raised in the same statement that checks it.
 */
export class AttachmentService {
  readonly links: AttachmentLinks;

  constructor(private readonly deps: ApiDeps) {
    this.links = new AttachmentLinks(deps.jwtSecret, deps.config.attachmentLinkTtl);
  }

  async upload(actor: Actor, conversationId: string, file: File): Promise<Attachment> {
    const conversation = await this.deps.conversations.get(scopeOf(actor), conversationId);
    const org = conversation.organization_id;
    const max = this.deps.config.attachmentMaxBytes;
    if (file.size > max) {
      throw new ApiError(413, 'too_large', `An attachment may be at most ${max} bytes`);
    }
    if (file.size === 0) {
      throw validation('The file is empty', [{ path: '/file', message: 'Must not be empty' }]);
    }
    const fileName = cleanName(file.name);
    await this.checkQuota(org, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
    const id = uuidv7();
    const key = `${org}/${id}`;
    await this.deps.blobs.put(key, bytes, kind.contentType);
    try {
      const row = await this.deps.db.sql.begin(async (tx) => {
        await this.reserve(tx, org, bytes.byteLength);
        const [inserted] = await tx<UploadRow[]>`
          insert into attachments (id, organization_id, conversation_id, uploader_type,
            uploader_id, file_name, content_type, size, width, height)
          values (${id}, ${org}, ${conversationId}, ${actor.type}, ${actor.id}, ${fileName},
            ${kind.contentType}, ${bytes.byteLength}, ${kind.width ?? null}, ${kind.height ?? null})
          returning *`;
        return inserted as UploadRow;
      });
      return this.resource(row);
    } catch (error) {
      await this.deps.blobs.delete([key]);
      throw error;
    }
  }

  /** The bytes behind a signed link, with what to serve them as. */
  async open(id: string, exp: number, sig: string) {
    if (!this.links.verify(id, exp, sig)) {
      throw forbidden('The link is not valid, or it has expired');
    }
    const [row] = await this.deps.db.sql<UploadRow[]>`
      select * from attachments where id = ${id} and conversation_id is not null`;
    if (!row) throw notFound('Attachment');
    const bytes = await this.deps.blobs.get(`${row.organization_id}/${row.id}`);
    if (!bytes) throw notFound('Attachment');
    return { row, bytes, maxAge: Math.max(0, exp - Math.floor(Date.now() / 1000)) };
  }

  resource(row: UploadRow): Attachment {
    return {
      ...messageAttachment(row, this.links),
      conversationId: row.conversation_id,
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Refuses before the bytes are stored when the organization is past its limit already. */
  private async checkQuota(org: string, size: number): Promise<void> {
    const quota = this.deps.config.attachmentOrganizationBytes;
    if (quota === 0) return;
    const [used] = await this.deps.db.sql<{ bytes: string }[]>`
      select bytes from attachment_usage where organization_id = ${org}`;
    if (Number(used?.bytes ?? 0) + size > quota) throw quotaExceeded(quota);
  }

  /** Counts the bytes against the limit, atomically: none of them when they do not fit. */
  private async reserve(tx: TransactionSql, org: string, size: number): Promise<void> {
    const quota = this.deps.config.attachmentOrganizationBytes || Number.MAX_SAFE_INTEGER;
    const rows = await tx`
      insert into attachment_usage (organization_id, bytes) values (${org}, ${size})
      on conflict (organization_id) do update set bytes = attachment_usage.bytes + excluded.bytes
        where attachment_usage.bytes + excluded.bytes <= ${quota}
      returning bytes`;
    if (rows.length === 0 || Number(rows[0]?.bytes) > quota) throw quotaExceeded(quota);
  }
}

const quotaExceeded = (quota: number) =>
  new ApiError(
    413,
    'attachment_quota',
    `The organization keeps ${quota} bytes of attachments at most: delete some first`,
  );

/**
 * The name as the user gave it, without any folder part, control characters, or a length past
 * 255 (the extension kept); a name with NUL or broken Unicode is refused.
 */
export function cleanName(raw: string): string {
  if (raw.includes('\0') || !raw.isWellFormed()) {
    throw validation('The file name is not valid text', [
      { path: '/file', message: 'The name holds a NUL or a lone surrogate' },
    ]);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops
  const base = (raw.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const name = base === '' || base === '.' || base === '..' ? 'file' : base;
  const chars = [...name];
  if (chars.length <= NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return chars.slice(0, NAME_MAX - [...ext].length).join('') + ext;
}

import { type Actor, AttachmentLinks, scopeOf, sniff, uuidv7 } from '@flc/core';
import type { Attachment } from '@flc/protocol/resources';
import { type AttachmentRow, messageAttachment } from '@flc/storage/postgres';
import type { ApiDeps } from '../../deps.ts';
import { ApiError, forbidden, notFound, validation } from '../../lib/errors.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { AttachmentQuota } from './limits.ts';

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
 * organization's limits (bytes kept, uploads a day), typed from its bytes, kept in the blob store
 * under `<organization>/<id>`, then recorded; the usage is raised in the statement that checks it,
 * and the bytes are deleted again when it refuses.
 */
export class AttachmentService {
  readonly links: AttachmentLinks;
  private readonly quota: AttachmentQuota;
  private readonly plans: PlanGuard;

  constructor(private readonly deps: ApiDeps) {
    this.plans = new PlanGuard(deps.planDirectory);
    this.links = new AttachmentLinks(deps.jwtSecret, deps.config.attachmentLinkTtl);
    this.quota = new AttachmentQuota({
      bytes: deps.config.attachmentOrganizationBytes,
      uploadsPerDay: deps.config.attachmentOrganizationUploadsPerDay,
    });
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
    // The tenant's plan: attachments may be off, and its bytes may be fewer than the install's.
    await this.plans.requireFeature(org, 'attachments');
    const planBytes = await this.plans.limitOf(org, 'attachmentBytes');
    await this.quota.check(this.deps.db.sql, org, file.size, planBytes);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
    const id = uuidv7();
    const key = `${org}/${id}`;
    await this.deps.blobs.put(key, bytes, kind.contentType);
    try {
      const row = await this.deps.db.sql.begin(async (tx) => {
        await this.quota.reserve(tx, org, bytes.byteLength, planBytes);
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
    const link = this.links.check(id, exp, sig);
    if (link === 'invalid') throw forbidden('The link is not valid');
    if (link === 'expired') {
      throw new ApiError(410, 'link_expired', 'The link has expired: read the message again');
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
}

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

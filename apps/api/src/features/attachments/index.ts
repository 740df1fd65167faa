import { Attachment } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errorSchema, errors, IdParams } from '../../lib/models.ts';
import { inboxAuth, inboxSecurity } from '../../plugins/inbox-auth.ts';
import { visitorAuth } from '../../plugins/visitor-auth.ts';
import { AttachmentService } from './service.ts';

const AttachmentLinkQuery = t.Object({
  exp: t.Integer({ minimum: 0, description: 'Unix time (s) the link is good until' }),
  sig: t.String({ minLength: 1, maxLength: 100 }),
});

const AttachmentUpload = t.Object({
  file: t.File({ description: 'The file, as `multipart/form-data`; its name is kept' }),
});

/** An error answer in the document, where the success answer is described by hand. */
const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

function upload(audience: 'team' | 'visitor') {
  return {
    params: IdParams,
    body: AttachmentUpload,
    type: 'multipart/form-data' as const,
    response: { 201: Attachment, ...errors(402, 403, 404, 413, 429) },
    detail: {
      summary:
        audience === 'team'
          ? 'Upload a file or image to a conversation (agents, API keys)'
          : "Upload a file or image to the visitor's conversation",
      description:
        'One file, at most FLC_ATTACHMENT_MAX_BYTES (413 `too_large`), while the organization keeps less than FLC_ATTACHMENT_ORGANIZATION_BYTES (413 `attachment_quota`) and has uploaded fewer than FLC_ATTACHMENT_ORGANIZATION_UPLOADS_PER_DAY files this UTC day (429 `attachment_daily_limit`, with `Retry-After`). The organization plan may allow fewer bytes (`attachmentBytes`): past that lower limit the answer is 402 `plan_limit_reached` (with `limit`), and a plan without attachments answers 402 `plan_feature_unavailable`. A refused upload leaves nothing stored. Its type is read from its bytes, never from its name; images come with their width and height. The answer carries a signed `url` to the bytes.',
      security: audience === 'team' ? inboxSecurity : [{ visitorSession: [] }],
    },
  };
}

/**
 * Uploads (by the team and by the visitor, each to conversations it may see), and the bytes
 * behind a signed link: served with `nosniff`, images inline, everything else as a download.
 */
export const attachmentRoutes = (deps: ApiDeps) => {
  const service = new AttachmentService(deps);
  const team = new Elysia({ prefix: '/v1/conversations', tags: ['inbox'] })
    .use(inboxAuth(deps))
    .post(
      '/:id/attachments',
      async ({ actor, params, body, set }) => {
        set.status = 201;
        return service.upload(actor, params.id, body.file);
      },
      upload('team'),
    );
  const widget = new Elysia({ prefix: '/v1/widget/conversations', tags: ['widget'] })
    .use(visitorAuth(deps))
    .post(
      '/:id/attachments',
      async ({ visitor, params, body, set }) => {
        set.status = 201;
        return service.upload(visitor, params.id, body.file);
      },
      upload('visitor'),
    );
  const bytes = new Elysia({ prefix: '/v1/attachments', tags: ['inbox'] }).get(
    '/:id',
    async ({ params, query }) => {
      const { row, bytes, maxAge } = await service.open(params.id, query.exp, query.sig);
      const inline = row.width !== null;
      const name = encodeURIComponent(row.file_name);
      const ascii = row.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return new Response(bytes, {
        headers: {
          'content-type': inline ? row.content_type : 'application/octet-stream',
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${name}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cross-origin-resource-policy': 'cross-origin',
          'cache-control': `private, max-age=${maxAge}`,
        },
      });
    },
    {
      params: IdParams,
      query: AttachmentLinkQuery,
      detail: {
        summary: "An attachment's bytes, by its signed link",
        description:
          'No credentials: the signature is the permission (links come with the attachment wherever it is shown, webhooks included). Images are served inline with their type; anything else as `application/octet-stream` with `Content-Disposition: attachment`; always `X-Content-Type-Options: nosniff` and a sandboxing CSP. 403 for a wrong signature, 410 `link_expired` for a good one whose time is up.',
        responses: {
          200: {
            description: 'The bytes',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          403: errorAnswer('The link is not valid (not signed by this platform as it is)'),
          410: errorAnswer(
            'The link has expired (`link_expired`): read the message again for a fresh one',
          ),
          404: errorAnswer('No such attachment (or its conversation is gone)'),
        },
      },
      response: { ...errors(403, 404, 410) },
    },
  );
  return new Elysia().use(team).use(widget).use(bytes);
};

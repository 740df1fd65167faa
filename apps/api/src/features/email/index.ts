import { createHash, timingSafeEqual } from 'node:crypto';
import type { VisitorLocale } from '@flc/protocol';
import { replyAddressesOf, replyMailDelaySeconds } from '@flc/storage/platform';
import { PostgresReplyMailQueue } from '@flc/storage/postgres';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { ApiError, notFound, unauthorized } from '../../lib/errors.ts';
import { errorSchema, errors } from '../../lib/models.ts';
import { requestIdOf } from '../../lib/request-context.ts';
import { emailSettingsRoutes } from '../email-settings/index.ts';
import { InboundMailService } from './inbound.ts';
import { InboundMailResult, UnsubscribeQuery } from './model.ts';
import { ratingMailRoutes } from './rating-routes.ts';
import type { InboundSmtp } from './smtp-listener.ts';
import { askPage, donePage, languageOf } from './unsubscribe-page.ts';

const INBOUND_PATH = '/v1/inbound-mail';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant time whatever the lengths: both sides are hashed first. */
const sameSecret = (given: string, secret: string) =>
  timingSafeEqual(digest(given), digest(secret));

/** The secret a provider sent: `X-FLC-Inbound-Secret`, or basic authentication's password. */
function givenSecret(headers: Headers): string | null {
  const header = headers.get('x-flc-inbound-secret');
  if (header) return header;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get('authorization') ?? '');
  if (!basic?.[1]) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

const notConfigured = () =>
  new ApiError(404, 'inbound_mail_not_configured', 'This server takes no inbound mail');

const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const htmlAnswer = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' as const } } },
});

/**
 * Email continuity's public side: visitors' replies posted by an inbound-mail provider (shared
 * secret, checked before the body is read), and the unsubscribe link of every reply mail.
 */
export const emailRoutes = (deps: ApiDeps) => {
  const { config } = deps;
  const addresses = replyAddressesOf(deps);
  const secret = config.inboundMailSecret;
  const inbound =
    addresses && secret
      ? new InboundMailService(deps.db.sql, deps.messages, deps.messageStore, addresses)
      : undefined;
  const queue = new PostgresReplyMailQueue(deps.db.sql, replyMailDelaySeconds(config) ?? 0);

  const inboundRoutes = new Elysia({ name: 'flc/inbound-mail', tags: ['email'] })
    .onRequest(({ request }) => {
      if (request.method !== 'POST' || new URL(request.url).pathname !== INBOUND_PATH) return;
      if (!inbound || !secret) throw notConfigured();
      const given = givenSecret(request.headers);
      if (given === null || !sameSecret(given, secret)) {
        throw unauthorized('Missing or wrong inbound mail secret');
      }
    })
    .post(
      INBOUND_PATH,
      async ({ body, request }) => {
        if (!inbound) throw notConfigured();
        const raw = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array();
        // A chunked body has no declared length to refuse it early.
        if (raw.byteLength > config.inboundMailMaxBytes) {
          throw new ApiError(
            413,
            'too_large',
            `Request body is larger than ${config.inboundMailMaxBytes} bytes`,
          );
        }
        return inbound.receive(raw, requestIdOf(request));
      },
      {
        response: { 200: InboundMailResult, ...errors(402, 403, 404, 413, 422) },
        detail: {
          summary: "A visitor's reply by mail, as raw MIME, from your inbound mail provider",
          description:
            "The whole mail as it was received (RFC 5322), at most FLC_INBOUND_MAIL_MAX_BYTES (413). Authenticated with FLC_INBOUND_MAIL_SECRET as the `X-FLC-Inbound-Secret` header or as basic authentication's password (401 otherwise); 404 `inbound_mail_not_configured` when email continuity or the secret is not set. One recipient must be a conversation's signed reply address (`reply+…@FLC_INBOUND_MAIL_DOMAIN`), else 422 `unknown_recipient`; the sender must be the contact's email, else 403 `sender_not_allowed` (refused, not held). The text above the quoted history and signature becomes a visitor message (422 `empty_reply` when none is left), once per Message-ID. Automatic answers are `ignored`. The message counts towards the organization's plan's messages a month: past it, 402 `plan_limit_reached` (refused, not held).",
          security: [{ inboundMailSecret: [] }, { inboundMailBasic: [] }],
          requestBody: {
            required: true,
            description:
              'The raw mail; sent as `message/rfc822`, `application/octet-stream` or `text/plain`',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    );

  /** The contact's own language when its widget said one, else the browser's. */
  const languageFor = async (conversationId: string, request: Request) => {
    const [row] = await deps.db.sql<{ locale: VisitorLocale | null }[]>`
      select ct.locale from conversations c join contacts ct on ct.id = c.contact_id
      where c.id = ${conversationId}`;
    return row?.locale ?? languageOf(request.headers.get('accept-language'));
  };
  const checked = (token: string) => {
    const conversationId = addresses?.conversationOfToken(token);
    if (!conversationId) throw notFound('Unsubscribe link');
    return conversationId;
  };
  const unsubscribe = new Elysia({ prefix: '/v1/email', tags: ['email'] })
    .get(
      '/unsubscribe',
      async ({ query, request }) => {
        const conversationId = checked(query.token);
        return askPage(await languageFor(conversationId, request), query.token);
      },
      {
        query: UnsubscribeQuery,
        response: { ...errors(404) },
        detail: {
          summary: "A reply mail's unsubscribe link: a page that asks before it stops the mail",
          description:
            "No credentials: the signed token is the permission. 404 for a token this server did not sign. The page is in the contact's language (the widget's `locale` at boot), else the first language of `Accept-Language` the platform speaks (English otherwise); it posts to the same address.",
          responses: {
            200: htmlAnswer('The page asking to confirm'),
            404: errorAnswer('Not an unsubscribe link of this server'),
          },
        },
      },
    )
    .post(
      '/unsubscribe',
      async ({ query, request }) => {
        // A conversation deleted since has nothing more to mail either.
        const conversationId = checked(query.token);
        const language = await languageFor(conversationId, request);
        await queue.unsubscribe(conversationId);
        return donePage(language);
      },
      {
        query: UnsubscribeQuery,
        response: { ...errors(404) },
        detail: {
          summary: 'Stop the reply mails of a conversation (also one-click, RFC 8058)',
          description:
            "The target of the mail's `List-Unsubscribe` header (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`) and of the confirmation page's form; any body is ignored. Stored: no more mail about the conversation, whatever happens in it. 404 for a token this server did not sign.",
          requestBody: {
            required: false,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } },
                },
              },
            },
          },
          responses: {
            200: htmlAnswer('Done: the page says so'),
            404: errorAnswer('Not an unsubscribe link of this server'),
          },
        },
      },
    );
  // The environments' switch rides here: one more `use` in the app's chain is too deep for tsc.
  return new Elysia()
    .use(inboundRoutes)
    .use(unsubscribe)
    .use(emailSettingsRoutes(deps))
    .use(ratingMailRoutes(deps));
};

/**
 * The SMTP listener of `FLC_INBOUND_SMTP_PORT` for a host (the standalone process, the API),
 * when it is set and email continuity is on; undefined otherwise.
 */
export function startInboundSmtpOf(deps: ApiDeps): Promise<InboundSmtp> | undefined {
  const { config } = deps;
  const addresses = replyAddressesOf(deps);
  const port = config.inboundSmtpPort;
  if (port === undefined || !addresses) return undefined;
  // The SMTP server library is loaded only when the listener is on.
  return import('./smtp-listener.ts').then(({ startInboundSmtp }) =>
    startInboundSmtp({
      port,
      host: config.host,
      maxBytes: config.inboundMailMaxBytes,
      addresses,
      inbound: new InboundMailService(deps.db.sql, deps.messages, deps.messageStore, addresses),
    }),
  );
}

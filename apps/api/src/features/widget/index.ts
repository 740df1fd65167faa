import { availabilityOf, toMessageResource } from '@flc/core';
import { Message, MessageCreate, MessagePage, WidgetConversation } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { toWidgetContact } from '../../domain/contact.ts';
import { toWidgetConversation } from '../../domain/conversation.ts';
import { requireAllowedOrigin } from '../../domain/environment.ts';
import { resolveWidgetSettings } from '../../domain/widget-settings.ts';
import { apiBudgets, spend } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { errors, IdParams, ListQuery, MessagesQuery, page } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { activityKey, decodeActivityCursor, toPage } from '../../lib/pagination.ts';
import { requestIdOf, traceparentOf } from '../../lib/request-context.ts';
import { visitorAuth, visitorTokens } from '../../plugins/visitor-auth.ts';
import { loadForm } from '../pre-chat/form.ts';
import { formComplete } from '../pre-chat/submit.ts';
import { BootService } from './boot.ts';
import { widgetContactRoutes } from './contact.ts';
import { widgetCors } from './cors.ts';
import { BootBody, BootResponse, ConversationOpen } from './model.ts';

/** Visitor routes check the page's Origin against the environment's allowed origins. */
const originErrors = errors(403);
/** The session token of POST /v1/widget/boot, rate limited per visitor. */
const security = [{ visitorSession: [] }];
/** Boot shows the visitor its latest conversations; older ones are a list call away. */
const BOOT_CONVERSATIONS = 20;

export const widgetRoutes = (deps: ApiDeps) => {
  const boot = new BootService(deps.db.sql);
  const { conversations: store, messages } = deps;
  const ttl = deps.config.visitorTokenTtl;
  const { widgetBootIp } = apiBudgets(deps.config);

  const bootRoute = new Elysia({ prefix: '/v1/widget', tags: ['widget'] })
    .use(visitorTokens(deps))
    .post(
      '/boot',
      async ({ headers, body, visitorJwt, request, server }) => {
        // Each boot may create a contact: one IP cannot fill a tenant's contacts.
        const ip = clientIp(request, server, deps.config.trustProxy);
        await spend(deps.rateLimiter, widgetBootIp, ip);
        const env = await boot.environment(headers['x-plugin-key']);
        requireAllowedOrigin(env.allowed_origins, headers.origin, true);
        const { contact, visitorToken } = await boot.contact(env, body ?? {});
        const exp = Math.floor(Date.now() / 1000) + ttl;
        const sessionToken = await visitorJwt.sign({
          sub: contact.id,
          org: env.organization_id,
          env: env.id,
          typ: 'visitor',
          exp,
        });
        const rows = await store.list(
          { organizationId: env.organization_id, contactId: contact.id },
          {},
          { limit: BOOT_CONVERSATIONS, after: null },
        );
        const form = await loadForm(deps.db.sql, env.id);
        const [hours, online] = await Promise.all([
          deps.businessHours.get(env.organization_id, env.id),
          deps.agentAvailability.anyOnline(env.organization_id),
        ]);
        return {
          sessionToken,
          sessionExpiresAt: new Date(exp * 1000).toISOString(),
          visitorToken,
          contact: toWidgetContact(contact),
          settings: resolveWidgetSettings(env.widget_settings),
          widgetLanguage: env.widget_language,
          preChatForm: form.enabled
            ? { intro: form.intro, fields: form.fields, complete: formComplete(form, contact) }
            : null,
          csatEnabled: form.csatEnabled,
          emailContinuity: env.email_continuity,
          editWindowSeconds: deps.config.visitorEditWindowSeconds,
          availability: availabilityOf(hours, online, new Date()),
          conversations: rows.slice(0, BOOT_CONVERSATIONS).map(toWidgetConversation),
        };
      },
      {
        transform: requireObjectFieldsOf(BootBody),
        body: t.Optional(BootBody),
        response: { 200: BootResponse, ...errors(401, 403, 429) },
        detail: {
          summary: 'Start a visitor session from the tenant page (X-Plugin-Key)',
          security: [{ pluginKey: [] }],
        },
      },
    );

  const sessionRoutes = new Elysia({ prefix: '/v1/widget/conversations', tags: ['widget'] })
    .use(visitorAuth(deps))
    .get(
      '',
      async ({ visitor, query }) => {
        const limit = query.limit ?? 20;
        const rows = await store.list(
          { organizationId: visitor.organizationId, contactId: visitor.id },
          {},
          { limit, after: decodeActivityCursor(query.cursor) },
        );
        return toPage(rows, limit, toWidgetConversation, activityKey);
      },
      {
        query: ListQuery,
        response: { 200: page(WidgetConversation), ...errors(400, 403) },
        detail: { summary: "The visitor's conversations, newest activity first", security },
      },
    )
    .post(
      '',
      async ({ visitor, set }) => {
        const row = await deps.conversationService.open(visitor);
        set.status = 201;
        return toWidgetConversation(row);
      },
      {
        body: t.Optional(ConversationOpen),
        response: { 201: WidgetConversation, ...originErrors },
        detail: { summary: 'Open a conversation for this visitor', security },
      },
    )
    .get(
      '/:id/messages',
      ({ visitor, params, query }) =>
        messages.history(visitor, params.id, { ...query, limit: query.limit ?? 20 }),
      {
        params: IdParams,
        query: MessagesQuery,
        response: { 200: MessagePage, ...errors(403, 404) },
        detail: { summary: "Messages of one of the visitor's conversations", security },
      },
    )
    .post(
      '/:id/messages',
      async ({ visitor, params, body, request, set }) => {
        const { message } = await messages.append(visitor, {
          conversationId: params.id,
          ...body,
          requestId: requestIdOf(request),
          traceparent: traceparentOf(request),
        });
        set.status = 201;
        return toMessageResource(message);
      },
      {
        params: IdParams,
        body: MessageCreate,
        response: { 201: Message, ...errors(402, 403, 404) },
        detail: {
          summary:
            'Send as the visitor (reopens a closed conversation); a repeated cid returns the first',
          description:
            "The message counts towards the organization's plan's messages a month (`messagesPerMonth`): past it, 402 `plan_limit_reached`.",
          security,
        },
      },
    );

  return new Elysia()
    .use(widgetCors)
    .use(bootRoute)
    .use(sessionRoutes)
    .use(widgetContactRoutes(deps));
};

import { swagger } from '@elysiajs/swagger';
import { Elysia } from 'elysia';
import type { ApiDeps } from './deps.ts';
import { agentRoutes } from './features/agents/index.ts';
import { apiKeyRoutes } from './features/api-keys/index.ts';
import { attachmentRoutes } from './features/attachments/index.ts';
import { auditEventRoutes } from './features/audit-events/index.ts';
import { authRoutes } from './features/auth/index.ts';
import { businessHoursRoutes } from './features/business-hours/index.ts';
import { cannedResponseRoutes } from './features/canned-responses/index.ts';
import { contactRoutes } from './features/contacts/index.ts';
import { conversationRoutes } from './features/conversations/index.ts';
import { messageChangeRoutes } from './features/conversations/message-changes.ts';
import { emailRoutes } from './features/email/index.ts';
import { environmentRoutes } from './features/environments/index.ts';
import { labelRoutes } from './features/labels/index.ts';
import { meRoutes } from './features/me/index.ts';
import { mentionRoutes } from './features/mentions/index.ts';
import { oidcRoutes } from './features/oidc/index.ts';
import { operatorRoutes } from './features/operator/index.ts';
import { passwordResetRoutes } from './features/password-reset/index.ts';
import { operatorPlanRoutes, organizationPlanRoutes } from './features/plans/index.ts';
import { preChatFormRoutes, preChatWidgetRoutes } from './features/pre-chat/index.ts';
import { reportRoutes } from './features/reports/index.ts';
import { searchRoutes } from './features/search/index.ts';
import { systemRoutes } from './features/system/index.ts';
import { operatorSystemRoutes } from './features/system/operator.ts';
import { teamRoutes } from './features/teams/index.ts';
import { twoFactorRoutes } from './features/two-factor/index.ts';
import { TwoFactorService } from './features/two-factor/service.ts';
import { webhookRoutes } from './features/webhooks/index.ts';
import { widgetRoutes } from './features/widget/index.ts';
import { apiBudgets } from './lib/budgets.ts';
import { apiDocument, type RouteEntry } from './plugins/api-document.ts';
import { apiReference } from './plugins/api-reference.ts';
import { errorHandler } from './plugins/errors.ts';
import { jsonBodies } from './plugins/json-bodies.ts';
import { methodNotAllowed } from './plugins/method-not-allowed.ts';
import { operations } from './plugins/operations.ts';
import { wellFormedInput } from './plugins/well-formed-input.ts';

const SPEC_PATH = '/swagger/json';

/** The REST API as one Elysia instance; hosts mount it (`app.listen` or `app.handle`). */
export function createApi(deps: ApiDeps) {
  // One per API: its failure budget is shared by sign-in and the agent's own two-factor routes.
  const twoFactor = new TwoFactorService(
    deps.db.sql,
    deps.jwtSecret,
    deps.rateLimiter,
    apiBudgets(deps.config).twoFactor,
    deps.bus,
  );
  // The plugins that read the route table do so once every route below is registered.
  let routes: () => readonly RouteEntry[] = () => [];
  const api = new Elysia({ name: 'flc/api' })
    .use(methodNotAllowed(() => routes()))
    .use(errorHandler)
    .use(jsonBodies)
    .use(wellFormedInput)
    .use(apiDocument(SPEC_PATH, () => routes()))
    .use(
      swagger({
        // The plugin's own page loads its script from a CDN: ours (apiReference) is served
        // locally at /swagger, and the plugin only publishes the document.
        path: '/swagger/plugin-page',
        specPath: SPEC_PATH,
        documentation: {
          info: {
            title: 'Fast Light Chat API',
            version: '1.0.0',
            description:
              "REST API v1: tenancy, inbox, widget and operations. Every answer carries `X-Request-Id`: the well-formed one the request sent (up to 128 letters, digits and `-_.:`), else the trace id of its valid W3C `traceparent`, else a new one; every error body repeats it as `error.requestId`, and the logs name it. When the platform exports OpenTelemetry traces, a valid `traceparent` also makes the request's span (and the message, persister and webhook spans it causes) part of the caller's trace.",
          },
          components: {
            securitySchemes: {
              bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
              // A visitor's session token from POST /v1/widget/boot, for the widget's routes.
              visitorSession: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
              // A tenant backend sends both headers: `security: [{ apiKey: [], apiSecret: [] }]`.
              apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
              apiSecret: { type: 'apiKey', in: 'header', name: 'X-API-Secret' },
              // The widget's public key; it only starts visitor sessions (POST /v1/widget/boot).
              pluginKey: { type: 'apiKey', in: 'header', name: 'X-Plugin-Key' },
              // An inbound mail provider: FLC_INBOUND_MAIL_SECRET as a header, or as the password.
              inboundMailSecret: { type: 'apiKey', in: 'header', name: 'X-FLC-Inbound-Secret' },
              inboundMailBasic: { type: 'http', scheme: 'basic' },
              // A platform operator's token from POST /v1/operator/session, for /v1/operator.
              operatorBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            },
          },
        },
      }),
    )
    .use(apiReference)
    .onRequest(({ request }) => {
      if (new URL(request.url).pathname === '/swagger/plugin-page') {
        return new Response('Not Found', { status: 404 });
      }
    })
    .use(operations(deps))
    .use(authRoutes(deps, twoFactor))
    .use(twoFactorRoutes(deps, twoFactor))
    .use(passwordResetRoutes(deps))
    .use(meRoutes(deps))
    .use(mentionRoutes(deps))
    .use(oidcRoutes(deps))
    .use(agentRoutes(deps))
    .use(environmentRoutes(deps))
    .use(apiKeyRoutes(deps))
    .use(webhookRoutes(deps))
    // Together, one step of this chain: each step deepens the type TypeScript instantiates.
    .use(
      new Elysia()
        .use(auditEventRoutes(deps))
        .use(reportRoutes(deps))
        .use(systemRoutes(deps))
        .use(organizationPlanRoutes(deps)),
    )
    .use(labelRoutes(deps))
    .use(teamRoutes(deps))
    .use(conversationRoutes(deps))
    .use(messageChangeRoutes(deps))
    .use(contactRoutes(deps))
    .use(cannedResponseRoutes(deps))
    .use(searchRoutes(deps))
    .use(preChatFormRoutes(deps))
    .use(businessHoursRoutes(deps))
    .use(widgetRoutes(deps))
    .use(preChatWidgetRoutes(deps))
    .use(attachmentRoutes(deps))
    // Together, one step of the chain (as above).
    .use(
      new Elysia()
        .use(emailRoutes(deps))
        .use(operatorRoutes(deps))
        .use(operatorPlanRoutes(deps))
        .use(operatorSystemRoutes(deps)),
    );
  routes = () => api.routes;
  return api;
}

export type Api = ReturnType<typeof createApi>;

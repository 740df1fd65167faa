import { createHmac } from 'node:crypto';
import { bearer, expectStatus, type Rest } from './rest.ts';

/**
 * A tenant made the way a customer makes one, through REST only, so the same fixture serves the
 * API in-process and a running platform (standalone, or API + realtime nodes + workers).
 */

/** An organization's owner, signed up, with the credentials it can log in with again. */
export interface Owner {
  accessToken: string;
  refreshToken: string;
  agent: { id: string; organizationId: string; email: string; name: string; role: string };
  organization: { id: string; name: string };
  email: string;
  password: string;
}

/** A tenant ready to chat: its owner, one environment and one API key of that environment. */
export interface ChatTenant {
  owner: Owner;
  /** The owner's `Authorization`, for the agent side of REST. */
  ownerAuth: Record<string, string>;
  env: { id: string; pluginKey: string; identitySecret: string };
  key: { id: string; name: string; key: string; secret: string };
  /** `X-API-Key` + `X-API-Secret` of `key`. */
  keyHeaders: Record<string, string>;
}

/** A booted visitor: the widget boot's reply. */
export interface Visitor {
  sessionToken: string;
  visitorToken: string | null;
  contact: { id: string; name: string | null; email: string | null };
  conversations: { id: string; status: string; lastSeq: number; unread: number }[];
  /** The environment's widget language: `auto` or the language it fixed. */
  widgetLanguage: string;
}

let owners = 0;

/**
 * Signs up a new organization (every call is a new tenant) and answers its owner, named
 * `Owner <n>` so that owners tell apart in a suite's lists and messages.
 */
export async function signUp(rest: Rest, organizationName = 'Acme'): Promise<Owner> {
  owners += 1;
  const email = `owner-${crypto.randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const res = await rest('POST', '/v1/auth/signup', {
    organizationName,
    name: `Owner ${owners}`,
    email,
    password,
  });
  expectStatus(res, 201, 'sign up');
  return { ...res.body, email, password };
}

/**
 * A new organization with an environment and an API key; with `owner`, another environment of
 * that owner's organization instead (a tenant's staging next to its production).
 */
export async function chatTenant(
  rest: Rest,
  options: { name?: string; allowedOrigins?: string[]; owner?: Owner } = {},
): Promise<ChatTenant> {
  const owner = options.owner ?? (await signUp(rest, options.name));
  const ownerAuth = bearer(owner.accessToken);
  const env = await rest(
    'POST',
    '/v1/environments',
    { name: 'Production', allowedOrigins: options.allowedOrigins },
    ownerAuth,
  );
  expectStatus(env, 201, 'create environment');
  const key = await rest(
    'POST',
    `/v1/environments/${env.body.id}/api-keys`,
    { name: 'CRM' },
    ownerAuth,
  );
  expectStatus(key, 201, 'issue API key');
  return {
    owner,
    ownerAuth,
    env: env.body,
    key: key.body,
    keyHeaders: { 'x-api-key': key.body.key, 'x-api-secret': key.body.secret },
  };
}

/** The identity verification a tenant's backend computes for a signed-in user. */
export const memberHash = (identitySecret: string, memberId: string) =>
  createHmac('sha256', identitySecret).update(memberId).digest('hex');

/** The widget boot as the widget sends it, unchecked: for tests of the boot itself. */
export const boot = (
  rest: Rest,
  pluginKey: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) => rest('POST', '/v1/widget/boot', body, { 'x-plugin-key': pluginKey, ...headers });

/** Boots a visitor of the tenant's environment (anonymous unless `body` says otherwise). */
export async function bootVisitor(
  rest: Rest,
  tenant: ChatTenant,
  body: unknown = {},
): Promise<Visitor> {
  const res = await boot(rest, tenant.env.pluginKey, body);
  expectStatus(res, 200, 'widget boot');
  return res.body;
}

/** Opens a conversation as the visitor; answers the widget's view of it. */
export async function openConversation(rest: Rest, visitor: Visitor) {
  const res = await rest('POST', '/v1/widget/conversations', {}, bearer(visitor.sessionToken));
  expectStatus(res, 201, 'open conversation');
  return res.body as { id: string; status: string; lastSeq: number };
}

/** Sends as the visitor through REST; answers the message. */
export async function visitorSays(
  rest: Rest,
  visitor: Visitor,
  conversationId: string,
  body: string,
) {
  const res = await rest(
    'POST',
    `/v1/widget/conversations/${conversationId}/messages`,
    { body },
    bearer(visitor.sessionToken),
  );
  expectStatus(res, 201, 'visitor message');
  return res.body as { id: string; seq: number; body: string };
}

/** A webhook of the tenant's environment to `url`, created by its owner; answers it. */
export async function createWebhook(rest: Rest, tenant: ChatTenant, url: string, events: string[]) {
  const res = await rest(
    'POST',
    `/v1/environments/${tenant.env.id}/webhooks`,
    { url, events },
    tenant.ownerAuth,
  );
  expectStatus(res, 201, 'create webhook');
  return res.body as { id: string; signingSecret: string };
}

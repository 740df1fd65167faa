import { createHmac } from 'node:crypto';
import type { Owner, Reply, TestApi } from './harness.ts';

/** A tenant ready to chat: its owner, one environment and one API key of that environment. */
export interface ChatTenant {
  owner: Owner;
  env: { id: string; pluginKey: string; identitySecret: string };
  key: { id: string; name: string; key: string; secret: string };
  /** `X-API-Key` + `X-API-Secret` of `key`. */
  keyHeaders: Record<string, string>;
}

export interface Visitor {
  sessionToken: string;
  visitorToken: string | null;
  contact: { id: string; name: string | null; email: string | null };
  conversations: { id: string; status: string; lastSeq: number; unread: number }[];
}

function expectStatus(res: Reply, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function chatTenant(
  api: TestApi,
  options: { name?: string; allowedOrigins?: string[]; owner?: Owner } = {},
): Promise<ChatTenant> {
  const owner = options.owner ?? (await api.signup(options.name));
  const token = owner.accessToken;
  const env = await api.call('POST', '/v1/environments', {
    token,
    body: { name: 'Production', allowedOrigins: options.allowedOrigins },
  });
  expectStatus(env, 201, 'create environment');
  const key = await api.call('POST', `/v1/environments/${env.body.id}/api-keys`, {
    token,
    body: { name: 'CRM' },
  });
  expectStatus(key, 201, 'issue API key');
  return {
    owner,
    env: env.body,
    key: key.body,
    keyHeaders: { 'x-api-key': key.body.key, 'x-api-secret': key.body.secret },
  };
}

export const memberHash = (identitySecret: string, memberId: string) =>
  createHmac('sha256', identitySecret).update(memberId).digest('hex');

export const boot = (
  api: TestApi,
  pluginKey: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) =>
  api.call('POST', '/v1/widget/boot', { body, headers: { 'x-plugin-key': pluginKey, ...headers } });

/** Boots a visitor (anonymous unless `body` says otherwise) and checks it worked. */
export async function visitor(api: TestApi, tenant: ChatTenant, body: unknown = {}) {
  const res = await boot(api, tenant.env.pluginKey, body);
  expectStatus(res, 200, 'widget boot');
  return res.body as Visitor;
}

/** Opens a conversation as the visitor; returns the widget's view of it. */
export async function openConversation(api: TestApi, v: Visitor) {
  const res = await api.call('POST', '/v1/widget/conversations', {
    token: v.sessionToken,
    body: {},
  });
  expectStatus(res, 201, 'open conversation');
  return res.body as { id: string; status: string; lastSeq: number };
}

/** Sends as the visitor through REST; returns the message. */
export async function visitorSays(api: TestApi, v: Visitor, conversationId: string, body: string) {
  const res = await api.call('POST', `/v1/widget/conversations/${conversationId}/messages`, {
    token: v.sessionToken,
    body: { body },
  });
  expectStatus(res, 201, 'visitor message');
  return res.body as { id: string; seq: number; body: string };
}

/** A `conversation` frame as agents receive it on their organization's topic. */
export interface InboxFrame {
  t: 'conversation';
  event: 'created' | 'updated' | 'message';
  conversation: { id: string; status: string; assigneeId: string | null; unread: number };
}

/** Follows an organization's inbox topic on the bus; `until(n)` waits for the n-th frame. */
export async function followInbox(api: TestApi, organizationId: string) {
  const frames: InboxFrame[] = [];
  let wake = () => {};
  const stop = await api.deps.bus.subscribe({ kind: 'organization', organizationId }, (event) => {
    if (event.type !== 'signal') return;
    frames.push(JSON.parse(event.frame));
    wake();
  });
  const until = async (count: number) => {
    while (frames.length < count) await new Promise<void>((resolve) => (wake = resolve));
    return frames.slice(0, count);
  };
  return { frames, until, stop };
}

import { expect } from 'bun:test';
import type { DatabaseTarget } from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, visitorSays } from '@flc/testkit';
import { createTestApi, type Owner, type TestApi } from './harness.ts';

/**
 * Sweeps every route of the OpenAPI document that takes an id: another tenant's ids must be
 * 404 and change nothing, whatever credential the intruder holds (agent token, API key, visitor
 * session), and a plain agent must be refused every write but the inbox's. A route added without
 * an entry in `bodies` fails the sweep, so new routes cannot skip it.
 */
export const bodies: Record<string, unknown> = {
  'GET /v1/agents/{id}': undefined,
  'PATCH /v1/agents/{id}': { role: 'admin' },
  'DELETE /v1/agents/{id}': undefined,
  'POST /v1/agents/{id}/invite': undefined,
  'DELETE /v1/agents/{id}/two-factor': undefined,
  'GET /v1/environments/{id}': undefined,
  'PATCH /v1/environments/{id}': { name: 'Hijacked' },
  'DELETE /v1/environments/{id}': undefined,
  'POST /v1/environments/{id}/plugin-key/rotate': undefined,
  'POST /v1/environments/{id}/identity-secret/rotate': undefined,
  'POST /v1/environments/{id}/identity-secret/reveal': undefined,
  'GET /v1/environments/{id}/api-keys': undefined,
  'POST /v1/environments/{id}/api-keys': { name: 'Stolen' },
  'DELETE /v1/environments/{id}/api-keys/{keyId}': undefined,
  'GET /v1/environments/{id}/webhooks': undefined,
  'POST /v1/environments/{id}/webhooks': {
    url: 'https://example.com/hook',
    events: ['message.created'],
  },
  'PATCH /v1/environments/{id}/webhooks/{webhookId}': { enabled: false },
  'DELETE /v1/environments/{id}/webhooks/{webhookId}': undefined,
  'GET /v1/environments/{id}/webhooks/{webhookId}/deliveries': undefined,
  'GET /v1/webhooks/{webhookId}/deliveries': undefined,
  'POST /v1/webhooks/{webhookId}/test': undefined,
  'POST /v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry': undefined,
  'POST /v1/webhooks/{webhookId}/rotate-secret': undefined,
  'GET /v1/auth/invitations/{token}': undefined,
  'GET /v1/conversations/{id}': undefined,
  'PATCH /v1/conversations/{id}': { status: 'closed' },
  'GET /v1/conversations/{id}/messages': undefined,
  'POST /v1/conversations/{id}/messages': { body: 'Hijacked' },
  'PATCH /v1/conversations/{id}/messages/{seq}': { body: 'Hijacked' },
  'DELETE /v1/conversations/{id}/messages/{seq}': undefined,
  'GET /v1/conversations/{id}/changes': undefined,
  'PUT /v1/conversations/{id}/labels/{labelId}': undefined,
  'DELETE /v1/conversations/{id}/labels/{labelId}': undefined,
  'GET /v1/contacts/{id}': undefined,
  'GET /v1/contacts/{id}/export': undefined,
  'DELETE /v1/contacts/{id}': undefined,
  'PUT /v1/contacts/{id}/labels/{labelId}': undefined,
  'DELETE /v1/contacts/{id}/labels/{labelId}': undefined,
  'PUT /v1/contacts/by-external-id/{externalId}': { name: 'Hijacked' },
  'GET /v1/canned-responses/{id}': undefined,
  'PATCH /v1/canned-responses/{id}': { title: 'Hijacked' },
  'DELETE /v1/canned-responses/{id}': undefined,
  'GET /v1/labels/{id}': undefined,
  'PATCH /v1/labels/{id}': { name: 'Hijacked' },
  'DELETE /v1/labels/{id}': undefined,
  'GET /v1/teams/{id}': undefined,
  'PATCH /v1/teams/{id}': { name: 'Hijacked' },
  'DELETE /v1/teams/{id}': undefined,
  'GET /v1/environments/{id}/assignment-policy': undefined,
  'PUT /v1/environments/{id}/assignment-policy': { mode: 'manual', teamId: null },
  'PUT /v1/agents/{id}/capacity': { capacity: 1 },
  'GET /v1/environments/{id}/pre-chat-form': undefined,
  'PUT /v1/environments/{id}/pre-chat-form': {
    enabled: true,
    intro: '',
    fields: [],
    csatEnabled: true,
  },
  'POST /v1/widget/conversations/{id}/rating': { score: 1 },
  'GET /v1/environments/{id}/business-hours': undefined,
  'PUT /v1/environments/{id}/business-hours': {
    enabled: true,
    timeZone: 'UTC',
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: [],
    hideOutsideHours: true,
    awayMessage: 'Hijacked',
    replyTimeMinutes: null,
  },
  'GET /v1/environments/{id}/email-continuity': undefined,
  'PUT /v1/environments/{id}/email-continuity': { enabled: false },
  'GET /v1/widget/conversations/{id}/messages': undefined,
  'POST /v1/widget/conversations/{id}/messages': { body: 'Hijacked' },
  'PATCH /v1/widget/conversations/{id}/messages/{seq}': { body: 'Hijacked' },
  'DELETE /v1/widget/conversations/{id}/messages/{seq}': undefined,
  'GET /v1/widget/conversations/{id}/changes': undefined,
  'POST /v1/me/mentions/{id}/read': undefined,
  'POST /v1/conversations/{id}/attachments': upload(),
  'POST /v1/widget/conversations/{id}/attachments': upload(),
  'GET /v1/attachments/{id}': undefined,
  'GET /v1/operator/tenants/{id}': undefined,
  'POST /v1/operator/tenants/{id}/suspend': { reason: 'Hijacked' },
  'POST /v1/operator/tenants/{id}/resume': undefined,
  'DELETE /v1/operator/tenants/{id}': { confirmName: 'Victim' },
  'GET /v1/operator/tenants/{id}/plan': undefined,
  'PUT /v1/operator/tenants/{id}/plan': { planId: null },
  'GET /v1/operator/plans/{id}': undefined,
  'PUT /v1/operator/plans/{id}': { name: 'Hijacked' },
  'DELETE /v1/operator/plans/{id}': undefined,
};

/**
 * The platform operators' routes: their id is any tenant's, and no tenant credential (agent
 * token, API key, visitor session) opens them: 401 whoever the tenant, the victim's own too.
 */
export const operatorOnly = (route: string) => route.includes(' /v1/operator/');

/** A one-file form, as an attachment upload sends it. */
export function upload(): FormData {
  const form = new FormData();
  form.set('file', new Blob(['Hijacked']), 'hijacked.txt');
  return form;
}

/** Routes an agent token does not open: the sweeps call them with this credential instead. */
export const credentialOf: Record<string, 'visitor' | 'apiKey'> = {
  'GET /v1/widget/conversations/{id}/messages': 'visitor',
  'POST /v1/widget/conversations/{id}/messages': 'visitor',
  'PATCH /v1/widget/conversations/{id}/messages/{seq}': 'visitor',
  'DELETE /v1/widget/conversations/{id}/messages/{seq}': 'visitor',
  'GET /v1/widget/conversations/{id}/changes': 'visitor',
  'POST /v1/widget/conversations/{id}/rating': 'visitor',
  'POST /v1/widget/conversations/{id}/attachments': 'visitor',
  'PUT /v1/contacts/by-external-id/{externalId}': 'apiKey',
};

/**
 * Public routes whose path token is the credential (anyone holding an invite link may read what
 * it invites to): no tenant's id to guess, so the intruder sweep leaves them out; their dead
 * tokens' 404s are tested beside them.
 */
export const tokenIsCredential = new Set(['GET /v1/auth/invitations/{token}']);
/**
 * An attachment's bytes answer a signed link, whatever the caller's credential: the signature is
 * the permission (attachments.test.ts tries wrong, foreign and expired ones).
 */
export const signedLink = new Set(['GET /v1/attachments/{id}']);

/** The inbox and the labels' reads take an API key as well as an agent token: the intruder tries both. */
export const takesApiKeyToo = (route: string) =>
  (/ \/v1\/(conversations|contacts|canned-responses)\//.test(route) ||
    route === 'GET /v1/labels/{id}' ||
    route === 'GET /v1/teams/{id}' ||
    route.endsWith('/v1/environments/{id}/business-hours') ||
    route.endsWith('/v1/environments/{id}/email-continuity')) &&
  !credentialOf[route];

/** Agents of every role work conversations: these writes are theirs, not managers' only. */
export const agentWrites = new Set([
  'PATCH /v1/conversations/{id}',
  'POST /v1/conversations/{id}/messages',
  'PUT /v1/conversations/{id}/labels/{labelId}',
  'DELETE /v1/conversations/{id}/labels/{labelId}',
  'PUT /v1/contacts/{id}/labels/{labelId}',
  'DELETE /v1/contacts/{id}/labels/{labelId}',
  'POST /v1/conversations/{id}/attachments',
]);

/**
 * Its id is a key inside the caller's own environment, not a row of another tenant: an
 * intruder's key upserts its own contact and leaves the victim's alone (checked after the sweep).
 */
export const callerScoped = new Set(['PUT /v1/contacts/by-external-id/{externalId}']);

/** Reads a plain agent is refused: a person's whole data is for owners, admins and API keys. */
export const managerReads = new Set([
  'GET /v1/contacts/{id}/export',
  'GET /v1/environments/{id}/pre-chat-form',
  'GET /v1/environments/{id}/business-hours',
  'GET /v1/environments/{id}/email-continuity',
]);

/** An agent's own: any other agent, of this tenant or another, finds nothing there. */
export const ownOnly = new Set(['POST /v1/me/mentions/{id}/read']);

/** Writes without an id, for the role sweep. */
export const plainWrites: Record<string, unknown> = {
  'PATCH /v1/organization': { name: 'Renamed' },
  'POST /v1/agents': { email: 'new-agent@example.com', name: 'New', role: 'agent' },
  'POST /v1/environments': { name: 'Staging' },
  'POST /v1/canned-responses': { scope: 'organization', shortcut: 'new', title: 'T', body: 'B' },
};

/** Whom a sweep calls as: an agent token, an API key, or a visitor session of one tenant. */
export interface Caller {
  agent: string;
  apiKey: Record<string, string>;
  visitor: string;
}

export interface Fixture {
  owner: Owner;
  caller: Caller;
  ids: Record<string, string>;
}

export async function tenantWithEverything(api: TestApi): Promise<Fixture> {
  const tenant = await chatTenant(api.rest, { name: 'Victim' });
  const { owner, env, key } = tenant;
  const token = owner.accessToken;
  const id = env.id;
  const hook = await api.call('POST', `/v1/environments/${id}/webhooks`, {
    token,
    body: { url: 'https://example.com/hook', events: ['message.created'] },
  });
  const invite = await api.call('POST', '/v1/agents', {
    token,
    body: { email: `invitee-${crypto.randomUUID()}@example.com`, name: 'Invitee', role: 'agent' },
  });
  const contact = await api.call('PUT', '/v1/contacts/by-external-id/crm-1', {
    headers: tenant.keyHeaders,
    body: { name: 'Victim contact' },
  });
  const canned = await api.call('POST', '/v1/canned-responses', {
    token,
    body: { scope: 'organization', shortcut: 'victim', title: 'Victim title', body: 'Victim' },
  });
  const v = await bootVisitor(api.rest, tenant);
  const conversation = await openConversation(api.rest, v);
  await visitorSays(api.rest, v, conversation.id, 'Secret');
  const label = await api.call('POST', '/v1/labels', {
    token,
    body: { name: 'Victim label', color: '#123456' },
  });
  for (const path of [
    `/v1/conversations/${conversation.id}/labels/${label.body.id}`,
    `/v1/contacts/${contact.body.id}/labels/${label.body.id}`,
  ]) {
    expect((await api.call('PUT', path, { token })).status).toBe(200);
  }
  const team = await api.call('POST', '/v1/teams', { token, body: { name: 'Victim team' } });
  // The tenant's backend mentions the owner in a note: a mention of the owner's own.
  const { body: me } = await api.call('GET', '/v1/me', { token });
  const note = await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
    headers: tenant.keyHeaders,
    body: { body: `@${me.agent.handle} please look`, kind: 'note' },
  });
  const mentions = await api.call('GET', '/v1/me/mentions', { token });
  for (const r of [hook, invite, contact, canned, label, team, note]) expect(r.status).toBe(201);
  expect(mentions.body.items).toHaveLength(1);
  const delivery = await api.call('POST', `/v1/webhooks/${hook.body.id}/test`, { token });
  expect(delivery.status).toBe(202);
  return {
    owner,
    caller: { agent: token, apiKey: tenant.keyHeaders, visitor: v.sessionToken },
    ids: {
      environment: id,
      keyId: key.id,
      webhookId: hook.body.id,
      deliveryId: delivery.body.id,
      agent: invite.body.agent.id,
      inviteToken: invite.body.inviteToken,
      conversation: conversation.id,
      contact: contact.body.id,
      externalId: 'crm-1',
      cannedResponse: canned.body.id,
      label: label.body.id,
      team: team.body.id,
      mention: mentions.body.items[0].id,
      organization: owner.organization.id,
    },
  };
}

export function fill(path: string, ids: Record<string, string>): string {
  const owner = path.match(/^\/v1\/(widget\/|operator\/)?(\w+)/)?.[2];
  const id =
    owner === 'tenants'
      ? ids.organization
      : owner === 'agents'
        ? ids.agent
        : owner === 'me'
          ? ids.mention
          : owner === 'conversations'
            ? ids.conversation
            : owner === 'contacts'
              ? ids.contact
              : owner === 'canned'
                ? ids.cannedResponse
                : owner === 'labels'
                  ? ids.label
                  : owner === 'teams'
                    ? ids.team
                    : ids.environment;
  return (
    path
      .replace('{id}', id ?? '')
      .replace('{keyId}', ids.keyId ?? '')
      .replace('{webhookId}', ids.webhookId ?? '')
      .replace('{deliveryId}', ids.deliveryId ?? '')
      .replace('{token}', ids.inviteToken ?? '')
      .replace('{externalId}', ids.externalId ?? '')
      .replace('{labelId}', ids.label ?? '')
      // The victim's second message: the note its backend wrote.
      .replace('{seq}', '2')
  );
}

/** The request options that present `caller`'s credential for this route. */
export function as(route: string, caller: Caller, credential = credentialOf[route] ?? 'agent') {
  if (credential === 'apiKey') return { headers: caller.apiKey };
  return { token: credential === 'visitor' ? caller.visitor : caller.agent };
}

/** One sweep's start: an API on `target`, a victim tenant holding one of everything, and the
 * document's routes. Each tenancy file starts its own so it can run alone. */
export async function startSweep(target: DatabaseTarget) {
  const api = await createTestApi(target);
  const victim = await tenantWithEverything(api);
  const doc = (await api.call('GET', '/swagger/json')).body;
  const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  return { api, victim, routes };
}

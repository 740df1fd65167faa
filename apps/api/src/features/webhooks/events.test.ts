import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  memberHash,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

// What the API records for the webhooks, in the transaction of each change: one delivery row
// per subscribed webhook, with the event's data, for conversation, contact and message changes;
// nothing for a change that changed nothing, failed, or that no webhook subscribes to. And the
// delivery log as the API lists it.
const every = [
  'conversation.created',
  'conversation.updated',
  'conversation.labels_changed',
  'message.created',
  'contact.created',
  'contact.updated',
];

interface Row {
  event_id: string;
  event_type: string;
  subject_id: string;
  payload: Record<string, Record<string, unknown>>;
  status: string;
}

for (const target of databaseTargets()) {
  describe(`webhook events on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const hook = async (tenant: ChatTenant, events = every, envId = tenant.env.id) => {
      const res = await api.call('POST', `/v1/environments/${envId}/webhooks`, {
        token: tenant.owner.accessToken,
        body: { url: 'https://hooks.example.com/flc', events },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const rows = (webhookId: string) =>
      api.deps.db.sql<Row[]>`
        select event_id, event_type, subject_id, payload, status from webhook_deliveries
        where webhook_id = ${webhookId} order by ordinal`;
    const types = async (webhookId: string) => (await rows(webhookId)).map((r) => r.event_type);

    test('conversations: created when a visitor opens one, updated on PATCH', async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      const patched = await api.call('PATCH', `/v1/conversations/${conversation.id}`, {
        token: tenant.owner.accessToken,
        body: { status: 'closed', assigneeId: tenant.owner.agent.id },
      });
      expect(patched.status).toBe(200);
      const recorded = (await rows(webhookId)).filter((r) => r.event_type.startsWith('conv'));
      expect(recorded).toMatchObject([
        {
          event_type: 'conversation.created',
          subject_id: conversation.id,
          payload: { conversation: { id: conversation.id, status: 'open', assigneeId: null } },
          status: 'pending',
        },
        {
          event_type: 'conversation.updated',
          subject_id: conversation.id,
          payload: { conversation: patched.body },
        },
      ]);
      // A PATCH that fails records nothing: the event commits only with its change.
      const other = await chatTenant(api.rest, { name: 'Other' });
      const refused = await api.call('PATCH', `/v1/conversations/${conversation.id}`, {
        token: other.owner.accessToken,
        body: { status: 'open' },
      });
      expect(refused.status).toBe(404);
      expect(await types(webhookId)).toHaveLength(3);
    });

    test('messages: one message.created per message, a repeated cid none', async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant, ['message.created']);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      const first = await visitorSays(api.rest, v, conversation.id, 'Hello');
      const reply = await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
        headers: tenant.keyHeaders,
        body: { body: 'Hi from the bot', cid: 'bot-1' },
      });
      await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
        headers: tenant.keyHeaders,
        body: { body: 'Hi from the bot', cid: 'bot-1' },
      });
      const recorded = await rows(webhookId);
      expect(recorded.map((r) => r.event_type)).toEqual(['message.created', 'message.created']);
      expect(recorded.map((r) => r.payload.message)).toEqual([first, reply.body]);
      expect(recorded.every((r) => r.subject_id === conversation.id)).toBe(true);
    });

    test('notes: note.created only for a webhook that asks; message.created never carries one', async () => {
      const tenant = await chatTenant(api.rest);
      const messagesOnly = await hook(tenant, ['message.created']);
      const notesToo = await hook(tenant, ['message.created', 'note.created']);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      await visitorSays(api.rest, v, conversation.id, 'Hello');
      const note = await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'secret: VIP', kind: 'note' },
      });
      const reply = await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'Hi!' },
      });
      expect(await types(messagesOnly)).toEqual(['message.created', 'message.created']);
      expect(JSON.stringify(await rows(messagesOnly))).not.toContain('secret');
      const recorded = await rows(notesToo);
      expect(recorded.map((r) => r.event_type)).toEqual([
        'message.created',
        'note.created',
        'message.created',
      ]);
      expect(recorded[1]?.payload.message).toEqual(note.body);
      expect(recorded[2]?.payload.message).toEqual(reply.body);
      expect(reply.body).toMatchObject({ seq: 3, prevSeq: 1 });
    });

    test("a visitor's message reopens a closed or snoozed conversation: updated, live and hooked", async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant, ['conversation.updated', 'message.created']);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      const inbox = await followInbox(api, tenant.owner.organization.id);
      const token = tenant.owner.accessToken;
      const setStatus = (status: string) =>
        api.call('PATCH', `/v1/conversations/${conversation.id}`, { token, body: { status } });
      const agentSays = (body: string) =>
        api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
          token,
          body: { body },
        });

      await setStatus('closed');
      await agentSays('Closing this, bye'); // an agent's message does not reopen
      await visitorSays(api.rest, v, conversation.id, 'Wait, one more thing');
      await setStatus('snoozed');
      await visitorSays(api.rest, v, conversation.id, 'Hello?');
      await visitorSays(api.rest, v, conversation.id, 'Anyone?'); // open already: just a message

      const frames = await inbox.until(6);
      inbox.stop();
      expect(frames.map((f) => [f.event, f.conversation.status])).toEqual([
        ['updated', 'closed'],
        ['message', 'closed'],
        ['updated', 'open'],
        ['updated', 'snoozed'],
        ['updated', 'open'],
        ['message', 'open'],
      ]);
      const recorded = await rows(webhookId);
      expect(
        recorded.map((r) => [
          r.event_type,
          r.payload.conversation?.status ?? r.payload.message?.body,
        ]),
      ).toEqual([
        ['conversation.updated', 'closed'],
        ['message.created', 'Closing this, bye'],
        ['message.created', 'Wait, one more thing'],
        ['conversation.updated', 'open'],
        ['conversation.updated', 'snoozed'],
        ['message.created', 'Hello?'],
        ['conversation.updated', 'open'],
        ['message.created', 'Anyone?'],
      ]);
      // The event carries the conversation as GET shows it after the reopen.
      const shown = await api.call('GET', `/v1/conversations/${conversation.id}`, { token });
      const { rating: _rating, ...resource } = shown.body;
      expect(recorded[6]?.payload.conversation).toMatchObject({
        ...resource,
        lastMessage: { body: 'Hello?' },
        updatedAt: expect.any(String),
        lastActivityAt: expect.any(String),
        lastSeq: 3,
        unread: 2,
        visitorReadSeq: 3, // a visitor has read what it wrote
      });
    });

    test('contacts: created and updated from the API key and the widget, never for no change', async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant, ['contact.created', 'contact.updated']);
      const put = (body: unknown) =>
        api.call('PUT', '/v1/contacts/by-external-id/crm-1', { headers: tenant.keyHeaders, body });
      const created = await put({ name: 'Ada', attributes: { plan: 'pro' } });
      await put({ name: 'Ada', attributes: { plan: 'pro' } }); // the same: no event
      const renamed = await put({ name: 'Ada L.' });
      const unchangedAt = renamed.body.updatedAt;
      expect((await put({})).body.updatedAt).toBe(unchangedAt);
      // The member boots the widget with the profile it has: no event; with a new email: one.
      const member = {
        memberId: 'crm-1',
        memberHash: memberHash(tenant.env.identitySecret, 'crm-1'),
      };
      await bootVisitor(api.rest, tenant, { ...member, profile: { name: 'Ada L.' } });
      await bootVisitor(api.rest, tenant, { ...member, profile: { email: 'ada@example.com' } });
      // An anonymous visitor is created, and updated when it names itself.
      const anonymous = await bootVisitor(api.rest, tenant);
      await bootVisitor(api.rest, tenant, { visitorToken: anonymous.visitorToken });
      await bootVisitor(api.rest, tenant, {
        visitorToken: anonymous.visitorToken,
        profile: { name: 'Bo' },
      });

      const recorded = await rows(webhookId);
      expect(recorded.map((r) => [r.event_type, r.subject_id])).toEqual([
        ['contact.created', created.body.id],
        ['contact.updated', created.body.id],
        ['contact.updated', created.body.id],
        ['contact.created', anonymous.contact.id],
        ['contact.updated', anonymous.contact.id],
      ]);
      expect(recorded[0]?.payload.contact).toEqual(created.body);
      expect(recorded[1]?.payload.contact).toEqual(renamed.body);
      expect(recorded[2]?.payload.contact).toMatchObject({ email: 'ada@example.com' });
      expect(recorded[4]?.payload.contact).toMatchObject({ name: 'Bo' });
    });

    test('labels: labels_changed with the labels whole; conversation and contact payloads carry labelIds', async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant, [
        'conversation.labels_changed',
        'conversation.updated',
        'contact.updated',
      ]);
      const token = tenant.owner.accessToken;
      const make = async (name: string) =>
        (
          await api.call('POST', '/v1/labels', {
            token,
            body: { name, color: '#0F766E', description: `${name} customers` },
          })
        ).body;
      const [vip, churn] = [await make('VIP'), await make('Churn risk')];
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      const at = (label: { id: string }) =>
        `/v1/conversations/${conversation.id}/labels/${label.id}`;
      await api.call('PUT', at(vip), { token });
      await api.call('PUT', at(vip), { token }); // on already: no event
      await api.call('PUT', at(churn), { headers: tenant.keyHeaders });
      const off = await api.call('DELETE', at(vip), { token });
      await api.call('DELETE', at(vip), { token }); // off already: no event
      const closed = await api.call('PATCH', `/v1/conversations/${conversation.id}`, {
        token,
        body: { status: 'closed' },
      });
      const contact = await api.call('PUT', `/v1/contacts/${v.contact.id}/labels/${vip.id}`, {
        headers: tenant.keyHeaders,
      });
      await api.call('PUT', `/v1/contacts/${v.contact.id}/labels/${vip.id}`, { token });

      const recorded = await rows(webhookId);
      expect(recorded.map((r) => [r.event_type, r.subject_id])).toEqual([
        ['conversation.labels_changed', conversation.id],
        ['conversation.labels_changed', conversation.id],
        ['conversation.labels_changed', conversation.id],
        ['conversation.updated', conversation.id],
        ['contact.updated', v.contact.id],
      ]);
      const label = (l: typeof vip) => ({ ...l, color: '#0f766e' });
      expect(vip.color).toBe('#0f766e');
      expect(recorded.slice(0, 3).map((r) => r.payload)).toMatchObject([
        { conversation: { labelIds: [vip.id] }, added: [label(vip)], removed: [] },
        { conversation: { labelIds: [vip.id, churn.id] }, added: [label(churn)], removed: [] },
        { conversation: off.body, added: [], removed: [label(vip)] },
      ]);
      expect(recorded[2]?.payload.conversation).toEqual(off.body);
      expect(recorded[3]?.payload.conversation).toEqual(closed.body);
      expect(closed.body.labelIds).toEqual([churn.id]);
      expect(recorded[4]?.payload.contact).toEqual(contact.body);
      expect(contact.body.labelIds).toEqual([vip.id]);
    });

    test('only subscribed, enabled webhooks of the same environment get an event', async () => {
      const tenant = await chatTenant(api.rest);
      const messagesOnly = await hook(tenant, ['message.created']);
      const disabled = await hook(tenant);
      await api.call('PATCH', `/v1/environments/${tenant.env.id}/webhooks/${disabled}`, {
        token: tenant.owner.accessToken,
        body: { enabled: false },
      });
      const staging = await api.call('POST', '/v1/environments', {
        token: tenant.owner.accessToken,
        body: { name: 'Staging' },
      });
      const elsewhere = await hook(tenant, every, staging.body.id);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      await visitorSays(api.rest, v, conversation.id, 'Hi');
      expect(await types(messagesOnly)).toEqual(['message.created']);
      expect(await types(disabled)).toEqual([]);
      expect(await types(elsewhere)).toEqual([]);
    });

    test('the delivery log lists attempts by webhook id, newest first, and filters by status', async () => {
      const tenant = await chatTenant(api.rest);
      const webhookId = await hook(tenant);
      const v = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, v);
      await visitorSays(api.rest, v, conversation.id, 'Hi');
      const recorded = await rows(webhookId);
      const token = tenant.owner.accessToken;
      const short = await api.call('GET', `/v1/webhooks/${webhookId}/deliveries`, { token });
      const long = await api.call(
        'GET',
        `/v1/environments/${tenant.env.id}/webhooks/${webhookId}/deliveries`,
        { token },
      );
      expect(short.status).toBe(200);
      expect(long.body).toEqual(short.body);
      expect(short.body.items.map((d: { eventId: string }) => d.eventId)).toEqual(
        recorded.map((r) => r.event_id).toReversed(),
      );
      expect(short.body.items[0]).toMatchObject({
        webhookId,
        eventType: 'message.created',
        status: 'pending',
        attempts: 0,
        lastError: null,
        lastStatusCode: null,
        deliveredAt: null,
      });
      expect(short.body.items[0].nextAttemptAt).toBeString();
      await api.deps.db.sql`
        update webhook_deliveries set status = 'failed', attempts = 6, last_status_code = 502,
          last_error = 'HTTP 502', next_attempt_at = null
        where webhook_id = ${webhookId} and event_type = 'message.created'`;
      const failed = await api.call('GET', `/v1/webhooks/${webhookId}/deliveries?status=failed`, {
        token,
      });
      expect(failed.body.items).toHaveLength(1);
      expect(failed.body.items[0]).toMatchObject({
        eventType: 'message.created',
        attempts: 6,
        lastStatusCode: 502,
        lastError: 'HTTP 502',
        nextAttemptAt: null,
      });
      const bad = await api.call('GET', `/v1/webhooks/${webhookId}/deliveries?status=lost`, {
        token,
      });
      expect(bad.status).toBe(422);
      const intruder = await chatTenant(api.rest, { name: 'Intruder' });
      const foreign = await api.call('GET', `/v1/webhooks/${webhookId}/deliveries`, {
        token: intruder.owner.accessToken,
      });
      expect(foreign.status).toBe(404);
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mongoTarget, pgliteTarget } from '@flc/storage/testing';
import {
  bootVisitor,
  chatTenant,
  openConversation,
  pixelPng,
  uploadFile,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from './testing.ts';

/** A tenant with a conversation, a message and an attachment, and a neighbour that stays. */
async function twoTenants(api: TestApi) {
  const doomed = await chatTenant(api.rest, { name: 'Doomed Co' });
  const kept = await chatTenant(api.rest, { name: 'Kept Co' });
  const say = async (tenant: typeof doomed, word: string) => {
    const visitor = await bootVisitor(api.rest, tenant);
    const { id } = await openConversation(api.rest, visitor);
    await visitorSays(api.rest, visitor, id, word);
    const upload = await uploadFile(
      api.rest,
      `/v1/conversations/${id}/attachments`,
      tenant.ownerAuth,
      pixelPng,
      'pixel.png',
    );
    expect(upload.status).toBe(201);
    return { id, visitor, attachment: upload.body.id as string };
  };
  return { doomed, kept, gone: await say(doomed, 'aardvark'), stays: await say(kept, 'okapi') };
}

/** Deletes the doomed tenant as an operator, checking the guard and the idempotent 404. */
async function deleteTenant(api: TestApi, tenant: { owner: { organization: { id: string } } }) {
  const { token } = await signedInOperator(api);
  const path = `/v1/operator/tenants/${tenant.owner.organization.id}`;
  const wrongName = await api.call('DELETE', path, { token, body: { confirmName: 'Doomed' } });
  expect(wrongName.status).toBe(422);
  expect(
    (await api.call('DELETE', path, { token, body: { confirmName: 'Doomed Co' } })).status,
  ).toBe(204);
  const again = await api.call('DELETE', path, { token, body: { confirmName: 'Doomed Co' } });
  expect(again.status).toBe(404);
  expect((await api.call('GET', path, { token })).status).toBe(404);
}

for (const target of databaseTargets()) {
  describe(`deleting a tenant on ${target.name} (messages in PostgreSQL)`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test('every row, message and attachment byte of it goes; the neighbour keeps all', async () => {
      const { doomed, kept, gone, stays } = await twoTenants(api);
      const orgId = doomed.owner.organization.id;
      const bytes = (org: string, id: string) => api.deps.blobs.get(`${org}/${id}`);
      expect(await bytes(orgId, gone.attachment)).not.toBeNull();
      await deleteTenant(api, doomed);

      const { sql } = api.deps.db;
      for (const table of ['messages', 'conversations', 'contacts', 'agents', 'audit_events']) {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from ${sql(table)} where organization_id = ${orgId}`;
        expect({ table, n: row?.n }).toEqual({ table, n: 0 });
      }
      expect(await bytes(orgId, gone.attachment)).toBeNull();
      expect(await bytes(kept.owner.organization.id, stays.attachment)).not.toBeNull();
      // Its credentials are dead: the token's organization is gone, not suspended (401).
      const agent = await api.call('GET', '/v1/me', { token: doomed.owner.accessToken });
      expect(agent.status).toBe(401);
      const history = await api.call('GET', `/v1/conversations/${stays.id}/messages`, {
        headers: kept.keyHeaders,
      });
      expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['okapi']);
      const [event] = await sql<{ details: { name: string } }[]>`
        select details from operator_events
        where action = 'tenant.deleted' and organization_id = ${orgId}`;
      expect(event?.details.name).toBe('Doomed Co');
    });
  });
}

const mongo = mongoTarget();

describe.if(Boolean(mongo))('deleting a tenant whose messages are in MongoDB (FerretDB)', () => {
  const database = mongo?.create();
  let api: TestApi;
  beforeAll(async () => {
    if (!database) return;
    const url = new URL(database.url);
    url.pathname = `/${database.database}`;
    api = await createTestApi(pgliteTarget, { mongodbUrl: url.toString() });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('its messages leave the message store, the neighbour keeps its own', async () => {
    if (!database) return;
    const { doomed, kept } = await twoTenants(api);
    // The API's message store is MongoDB's here; asked since the epoch, it counts them all.
    const count = async (organizationId: string) =>
      (await api.deps.messageStore.countSince([organizationId], new Date(0))).get(organizationId) ??
      0;
    expect(await count(doomed.owner.organization.id)).toBe(1);
    await deleteTenant(api, doomed);
    expect(await count(doomed.owner.organization.id)).toBe(0);
    expect(await count(kept.owner.organization.id)).toBe(1);
    // Nothing of it was ever in PostgreSQL's messages.
    const [row] = await api.deps.db.sql<{ n: number }[]>`select count(*)::int as n from messages`;
    expect(row?.n).toBe(0);
  });
});

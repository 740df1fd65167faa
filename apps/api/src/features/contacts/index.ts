import { Contact } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, page } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { ContactsQuery, ContactUpsert, ExternalIdParams } from './model.ts';
import { ContactService } from './service.ts';

export const contactRoutes = (deps: ApiDeps) => {
  const service = new ContactService(deps.db.sql);
  return new Elysia({ prefix: '/v1/contacts', tags: ['contacts'] })
    .use(inboxAuth(deps))
    .get('', ({ actor, query }) => service.list(actor, query), {
      query: ContactsQuery,
      response: { 200: page(Contact), ...errors(400) },
      detail: { summary: 'Contacts (an API key sees its environment only)', security },
    })
    .get('/:id', ({ actor, params }) => service.get(actor, params.id), {
      params: IdParams,
      response: { 200: Contact, ...errors(404) },
      detail: { summary: 'One contact', security },
    })
    .put(
      '/by-external-id/:externalId',
      async ({ actor, params, body, set }) => {
        const { contact, created } = await service.upsert(actor, params.externalId, body);
        set.status = created ? 201 : 200;
        return contact;
      },
      {
        params: ExternalIdParams,
        transform: requireObjectFieldsOf(ContactUpsert),
        body: ContactUpsert,
        response: { 200: Contact, 201: Contact, ...errors(403) },
        detail: {
          summary: "Create or update the contact with the tenant's id (API key only)",
          security: [{ apiKey: [], apiSecret: [] }],
        },
      },
    );
};

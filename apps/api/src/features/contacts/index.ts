import { Contact } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, LabelTargetParams, page } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { inboxAudit } from '../../plugins/audit-context.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { DataRightsService } from './data-rights.ts';
import { ContactExport, ContactsQuery, ContactUpsert, ExternalIdParams } from './model.ts';
import { ContactService } from './service.ts';

export const contactRoutes = (deps: ApiDeps) => {
  const service = new ContactService(deps.db.sql);
  const rights = new DataRightsService({ ...deps, sql: deps.db.sql });
  return new Elysia({ prefix: '/v1/contacts', tags: ['contacts'] })
    .use(inboxAuth(deps))
    .use(inboxAudit(deps))
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
    .get('/:id/export', ({ actor, audit, params }) => rights.export(actor, audit, params.id), {
      params: IdParams,
      response: { 200: ContactExport, ...errors(403, 404) },
      detail: {
        summary: "Export everything about a contact (a data subject's access request)",
        description:
          'Profile, conversations, and every message and note in them. Owners, admins and API keys of its environment (403 for other agents); audited as contact.exported.',
        security,
      },
    })
    .delete(
      '/:id',
      async ({ actor, audit, params, set }) => {
        await rights.erase(actor, audit, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: {
          204: t.Void({ description: 'Erased from every store' }),
          ...errors(403, 404),
        },
        detail: {
          summary: "Erase a contact completely (a data subject's erasure request)",
          description:
            "The contact, its conversations, every message and note in them (in the message store and the Redis streams), their search entries and the webhook deliveries about them. Owners, admins and API keys of its environment (403 for other agents); audited as contact.erased, without the person's data.",
          security,
        },
      },
    )
    .put(
      '/:id/labels/:labelId',
      ({ actor, params }) => service.label(actor, params.id, params.labelId, true),
      {
        params: LabelTargetParams,
        response: { 200: Contact, ...errors(404, 409) },
        detail: {
          summary: 'Put a label on; webhooks get contact.updated (409: it carries 20)',
          description:
            "Idempotent: a label that is on already changes nothing and sends no event. 404 for a contact outside the caller's reach or a label of another organization.",
          security,
        },
      },
    )
    .delete(
      '/:id/labels/:labelId',
      ({ actor, params }) => service.label(actor, params.id, params.labelId, false),
      {
        params: LabelTargetParams,
        response: { 200: Contact, ...errors(404) },
        detail: {
          summary: 'Take a label off; webhooks get contact.updated',
          description: 'Idempotent: a label that is not on changes nothing and sends no event.',
          security,
        },
      },
    )
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

import { WidgetContact, WidgetContactPut } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import {
  type ContactRow,
  contactColumns,
  contactEvent,
  toWidgetContact,
} from '../../domain/contact.ts';
import { withEvents } from '../../domain/webhook-events.ts';
import { conflict } from '../../lib/errors.ts';
import { errors } from '../../lib/models.ts';
import { type VisitorActor, visitorAuth } from '../../plugins/visitor-auth.ts';

/**
 * The visitor leaves an email to be answered at (the widget asks while nobody is online). It
 * fills an empty email only: one the contact holds already, from the tenant or an earlier
 * answer, is not the visitor's to replace (409), unless it is the same. `contact.updated` when
 * it changed.
 */
export async function leaveEmail(sql: Sql, visitor: VisitorActor, email: string) {
  const address = email.trim();
  return withEvents(sql, async (tx) => {
    const [current] = await tx<ContactRow[]>`
      select ${tx.unsafe(contactColumns)} from contacts
      where id = ${visitor.id} and organization_id = ${visitor.organizationId} for update`;
    if (!current) throw new Error('the visitor has no contact');
    if (current.email !== null) {
      if (current.email.toLowerCase() === address.toLowerCase()) {
        return { value: current, events: [] };
      }
      throw conflict('This contact has an email address already');
    }
    const [row] = await tx<ContactRow[]>`
      update contacts set email = ${address}, updated_at = now()
      where id = ${visitor.id} and organization_id = ${visitor.organizationId}
      returning ${tx.unsafe(contactColumns)}`;
    const contact = row as ContactRow;
    return {
      value: contact,
      events: [contactEvent('contact.updated', visitor.organizationId, contact)],
    };
  });
}

export const widgetContactRoutes = (deps: ApiDeps) =>
  new Elysia({ prefix: '/v1/widget', tags: ['widget'] })
    .use(visitorAuth(deps))
    .put(
      '/contact',
      async ({ visitor, body }) =>
        toWidgetContact(await leaveEmail(deps.db.sql, visitor, body.email)),
      {
        body: WidgetContactPut,
        response: { 200: WidgetContact, ...errors(403, 409) },
        detail: {
          summary: 'Leave an email address on the visitor’s contact, to be answered by email',
          description:
            '422 for an address that is not one; 409 when the contact holds another address already (the same one again answers 200). Webhooks get contact.updated when it changed.',
          security: [{ visitorSession: [] }],
        },
      },
    );

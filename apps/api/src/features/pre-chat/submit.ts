import type { PreChatField, PreChatForm } from '@flc/protocol/resources';
import type { JsonValue, Sql } from '@flc/storage/postgres';
import { type ContactRow, contactColumns, contactEvent } from '../../domain/contact.ts';
import { withEvents } from '../../domain/webhook-events.ts';
import { conflict, type ErrorDetail, validation } from '../../lib/errors.ts';
import type { VisitorActor } from '../../plugins/visitor-auth.ts';
import { loadForm } from './form.ts';

type Value = string | boolean;
/** Enough to catch a typo; the address is the visitor's to get right. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why one value does not fit its field, or null when it does. */
function fault(field: PreChatField, value: Value | undefined): string | null {
  const blank =
    value === undefined || value === false || (typeof value === 'string' && !value.trim());
  if (blank) return field.required ? 'Required' : null;
  if (field.type === 'checkbox')
    return typeof value === 'boolean' ? null : 'Expected true or false';
  if (typeof value !== 'string') return 'Expected text';
  if (field.type === 'email' && !EMAIL.test(value.trim())) return 'Not an email address';
  if (field.type === 'select' && !field.options?.includes(value)) return 'Not one of the options';
  return null;
}

/** Checks every value against the form: 422 with one detail per field at fault. */
export function checkValues(form: PreChatForm, values: Record<string, Value>) {
  const details: ErrorDetail[] = [];
  const keys = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!keys.has(key))
      details.push({ path: `/values/${key}`, message: 'Not a field of the form' });
  }
  for (const field of form.fields) {
    const message = fault(field, values[field.key]);
    if (message) details.push({ path: `/values/${field.key}`, message });
  }
  if (details.length > 0) throw validation('Some values do not fit the form', details);
}

/** The contact holds a value for every required field: the widget need not ask. */
export function formComplete(form: PreChatForm, contact: ContactRow): boolean {
  return form.fields.every((field) => {
    if (!field.required) return true;
    const held =
      field.key === 'name' || field.key === 'email'
        ? contact[field.key]
        : (contact.attributes as Record<string, unknown>)[field.key];
    return held !== null && held !== undefined && held !== '' && held !== false;
  });
}

/**
 * The visitor's answers, stored on its contact: `name` and `email` on its fields, the others as
 * attributes. A change makes `contact.updated`, committed with it.
 */
export async function submitPreChat(
  sql: Sql,
  visitor: VisitorActor,
  values: Record<string, Value>,
) {
  const form = await loadForm(sql, visitor.environmentId);
  if (!form.enabled) throw conflict('This environment has no pre-chat form');
  checkValues(form, values);
  const trimmed = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
  );
  const { name, email, ...attributes } = trimmed;
  const set = Object.fromEntries(
    Object.entries(attributes).filter(([, v]) => v !== ''),
  ) as JsonValue;
  const nameGiven = typeof name === 'string' && name !== '';
  const emailGiven = typeof email === 'string' && email !== '';
  return withEvents(sql, async (tx) => {
    const [row] = await tx<(ContactRow & { changed: boolean })[]>`
      update contacts set
        name = case when ${nameGiven} then ${nameGiven ? name : null}::text else name end,
        email = case when ${emailGiven} then ${emailGiven ? email : null}::text else email end,
        attributes = attributes || ${tx.json(set)}::jsonb,
        updated_at = case
          when (case when ${nameGiven} then ${nameGiven ? name : null}::text else name end,
                case when ${emailGiven} then ${emailGiven ? email : null}::text else email end,
                attributes || ${tx.json(set)}::jsonb)
               is distinct from (name, email, attributes)
          then now() else updated_at end
      where id = ${visitor.id} and organization_id = ${visitor.organizationId}
      returning ${tx.unsafe(contactColumns)}, (updated_at = now()) as changed`;
    if (!row) throw new Error('the visitor has no contact');
    const { changed, ...contact } = row;
    const events = changed
      ? [contactEvent('contact.updated', visitor.organizationId, contact)]
      : [];
    return { value: contact, events };
  });
}

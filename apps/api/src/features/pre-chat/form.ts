import type { PreChatField, PreChatForm, PreChatFormPut } from '@flc/protocol/resources';
import type { Queryable } from '@flc/storage/postgres';
import { type ErrorDetail, validation } from '../../lib/errors.ts';

export interface PreChatFormRow {
  enabled: boolean;
  intro: string;
  fields: PreChatField[];
  csat_enabled: boolean;
  updated_at: Date;
}

/** An environment that never set its form: no form, no rating. */
export const emptyForm: PreChatForm = {
  enabled: false,
  intro: '',
  fields: [],
  csatEnabled: false,
  updatedAt: null,
};

export const toPreChatForm = (r: PreChatFormRow | undefined): PreChatForm =>
  r
    ? {
        enabled: r.enabled,
        intro: r.intro,
        fields: r.fields,
        csatEnabled: r.csat_enabled,
        updatedAt: r.updated_at.toISOString(),
      }
    : emptyForm;

export async function loadForm(sql: Queryable, environmentId: string) {
  const [row] = await sql<PreChatFormRow[]>`
    select enabled, intro, fields, csat_enabled, updated_at from pre_chat_forms
    where environment_id = ${environmentId}`;
  return toPreChatForm(row);
}

/** The built-in keys fill the contact's own fields, so their type is fixed. */
const builtInTypes: Record<string, PreChatField['type']> = { name: 'text', email: 'email' };

/**
 * What the schema cannot say: unique keys, built-in keys with their own type, and options on
 * a select only. Answers 422 with one detail per field at fault.
 */
export function checkForm(form: PreChatFormPut): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  form.fields.forEach((field, i) => {
    const path = `/fields/${i}`;
    if (seen.has(field.key)) details.push({ path: `${path}/key`, message: 'Duplicate key' });
    seen.add(field.key);
    const fixed = builtInTypes[field.key];
    if (fixed && field.type !== fixed) {
      details.push({ path: `${path}/type`, message: `\`${field.key}\` is a ${fixed} field` });
    }
    if (field.type === 'select' && !field.options) {
      details.push({ path: `${path}/options`, message: 'A select needs options' });
    }
    if (field.type !== 'select' && field.options) {
      details.push({ path: `${path}/options`, message: 'Only a select has options' });
    }
  });
  if (details.length > 0) throw validation('The pre-chat form is not valid', details);
}

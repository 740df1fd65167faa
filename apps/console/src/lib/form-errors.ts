import { ApiError } from './api.ts';
import { errorText } from './i18n/errors.ts';
import { t } from './i18n/index.tsx';

/** What a form shows for a failed submit: messages by field, and one for the form itself. */
export interface FormErrors {
  /** By field name as the form knows it: `email`, `allowedOrigins.2`. */
  fields: Record<string, string>;
  /** The message above the submit button, null when every problem sits next to a field. */
  form: string | null;
}

const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** TypeBox's wording, said the way a person would. */
export function humanizeDetail(message: string): string {
  const min = /^Expected string length greater or equal to (\d+)$/.exec(message);
  if (min)
    return min[1] === '1' ? t('errors.required') : t('errors.minLength', { n: Number(min[1]) });
  const max = /^Expected string length less or equal to (\d+)$/.exec(message);
  if (max) return t('errors.maxLength', { n: Number(max[1]) });
  if (/should be email$/.test(message)) return t('errors.email');
  if (/^Expected required property$/.test(message)) return t('errors.required');
  return message;
}

interface Detail {
  path?: unknown;
  message?: unknown;
}

/**
 * Maps an API error to a form: the details of a 422 go next to their fields (`body.email` →
 * `email`, `body.allowedOrigins.2` → `allowedOrigins.2`); the rest of the error is the form's.
 * A detail for a field the form does not have is shown at the form level, so none is lost.
 */
export function formErrors(error: unknown, knownFields: readonly string[] = []): FormErrors {
  if (!error) return NO_ERRORS;
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: errorText(error) };
  }
  if (error.status !== 422 || !error.details?.length) {
    return { fields: {}, form: errorText(error) };
  }
  const fields: Record<string, string> = {};
  const stray: string[] = [];
  for (const raw of error.details as Detail[]) {
    const path = typeof raw.path === 'string' ? raw.path.replace(/^(body|query)\.?/, '') : '';
    const message = humanizeDetail(
      typeof raw.message === 'string' ? raw.message : t('errors.invalid'),
    );
    const root = path.split('.')[0] ?? '';
    const known = knownFields.length === 0 || knownFields.includes(root);
    if (path && known) fields[path] ??= message;
    else stray.push(path ? `${path}: ${message}` : message);
  }
  return { fields, form: stray.length ? stray.join('; ') : null };
}

/** The first message for a field or any of its items (`allowedOrigins` covers `allowedOrigins.3`). */
export function fieldError(errors: FormErrors, field: string): string | undefined {
  if (errors.fields[field]) return errors.fields[field];
  const prefix = `${field}.`;
  const key = Object.keys(errors.fields).find((k) => k.startsWith(prefix));
  return key ? errors.fields[key] : undefined;
}

/** "30 s", "2 min", "1 min 5 s": how long a 429 asks to wait. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return t('format.waitSeconds', { s });
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? t('format.waitMinutesSeconds', { min, s: rest }) : t('format.waitMinutes', { min });
}

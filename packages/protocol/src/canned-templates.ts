/**
 * The variables of a canned response's body, as the API checks them at save and the console
 * fills them in at insert. Free of TypeBox, so the console's bundle takes it as it is.
 *
 * A variable is written `{{name}}`, or `{{name|fallback}}` with the text to use when the value is
 * missing (spaces around either part are ignored). A missing value (unknown, null, or blank) with
 * no fallback renders as nothing. Values are inserted as plain text, in one pass: a value holding
 * `{{…}}` or markup stays exactly as it is. Text outside a `{{…}}` is kept unchanged.
 */

/** A canned response's shortcut: what is typed after `/` in the composer. */
export const CANNED_SHORTCUT_PATTERN = '^[A-Za-z0-9_-]{1,32}$';
export const CANNED_TITLE_MAX = 120;

export const templateVariables = [
  'contact.name',
  'contact.email',
  'agent.name',
  'organization.name',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];

/** What a body is rendered with: a missing or blank value takes the fallback, or nothing. */
export type TemplateValues = Partial<Record<TemplateVariable, string | null | undefined>>;

const known: ReadonlySet<string> = new Set(templateVariables);
/** `{{`, anything but braces, `}}`: a `{` or `}` inside means it is not one variable. */
const placeholder = /\{\{([^{}]*)\}\}/g;

interface Placeholder {
  name: string;
  fallback: string | null;
}

function parse(inner: string): Placeholder {
  const bar = inner.indexOf('|');
  if (bar < 0) return { name: inner.trim(), fallback: null };
  return { name: inner.slice(0, bar).trim(), fallback: inner.slice(bar + 1).trim() };
}

/** The names in `{{…}}` that are not variables, each once, in the order they first appear. */
export function unknownVariables(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(placeholder)) {
    const { name } = parse(match[1] ?? '');
    if (!known.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** `{{contact.phone}}, {{}}`: unknown names as the author would recognise them. */
export const formatVariables = (names: readonly string[]): string =>
  names.map((name) => `{{${name}}}`).join(', ');

/**
 * The body with every variable replaced by its value (trimmed), its fallback, or nothing. An
 * unknown name (which the API refuses at save) is left as written.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(placeholder, (whole, inner: string) => {
    const { name, fallback } = parse(inner);
    if (!known.has(name)) return whole;
    const value = values[name as TemplateVariable]?.trim();
    return value ? value : (fallback ?? '');
  });
}

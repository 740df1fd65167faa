/**
 * Checks a value against a schema of the OpenAPI document (JSON Schema as OpenAPI 3.0 writes it),
 * for the conformance suite. It knows the keywords the document uses and throws on any other, so
 * that a schema it cannot read fails the suite instead of passing everything. The document's
 * schemas are plain JSON: TypeBox's checker, which wants its own symbols, cannot read them.
 */
type Schema = Record<string, unknown>;

const formats: Record<string, (text: string) => boolean> = {
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  'date-time': (s) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) &&
    !Number.isNaN(Date.parse(s)),
  integer: (s) => /^-?\d+$/.test(s),
  uri: (s) => URL.canParse(s),
};

const known = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'anyOf',
  'const',
  'enum',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'nullable',
  'description',
  'default',
  'title',
  'examples',
]);

/** The problems of `value` against `schema`, each as `path: what`; empty when it conforms. */
export function schemaProblems(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!known.has(key)) throw new Error(`${path}: the checker does not know "${key}"`);
  }
  if (value === null && schema.nullable === true) return [];
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Schema[]).some(
      (option) => schemaProblems(option, value, path).length === 0,
    );
    if (!fits) return [`${path}: matches none of anyOf ${JSON.stringify(schema.anyOf)}`];
  }
  if ('const' in schema && value !== schema.const) {
    return [`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  }
  const type = schema.type as string | undefined;
  if (type && !hasType(type, value)) return [`${path}: ${JSON.stringify(value)} is not ${type}`];
  if (typeof value === 'string') return stringProblems(schema, value, path);
  if (typeof value === 'number') return numberProblems(schema, value, path);
  if (Array.isArray(value)) return arrayProblems(schema, value, path);
  if (typeof value === 'object' && value !== null) {
    return objectProblems(schema, value as Record<string, unknown>, path);
  }
  return [];
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function stringProblems(schema: Schema, value: string, path: string): string[] {
  const problems: string[] = [];
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    problems.push(`${path}: shorter than ${schema.minLength}`);
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    problems.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    problems.push(`${path}: does not match ${schema.pattern}`);
  }
  const format = schema.format as string | undefined;
  if (format) {
    const check = formats[format];
    if (!check) throw new Error(`${path}: the checker does not know the format "${format}"`);
    if (!check(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a ${format}`);
  }
  return problems;
}

function numberProblems(schema: Schema, value: number, path: string): string[] {
  const problems: string[] = [];
  if (typeof schema.minimum === 'number' && value < schema.minimum) {
    problems.push(`${path}: below ${schema.minimum}`);
  }
  if (typeof schema.maximum === 'number' && value > schema.maximum) {
    problems.push(`${path}: above ${schema.maximum}`);
  }
  return problems;
}

function arrayProblems(schema: Schema, value: unknown[], path: string): string[] {
  const problems: string[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    problems.push(`${path}: fewer than ${schema.minItems} items`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    problems.push(`${path}: more than ${schema.maxItems} items`);
  }
  if (schema.uniqueItems === true) {
    const seen = new Set(value.map((item) => JSON.stringify(item)));
    if (seen.size !== value.length) problems.push(`${path}: items are not unique`);
  }
  if (schema.items && typeof schema.items === 'object') {
    value.forEach((item, i) => {
      problems.push(...schemaProblems(schema.items as Schema, item, `${path}[${i}]`));
    });
  }
  return problems;
}

function objectProblems(schema: Schema, value: Record<string, unknown>, path: string): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) problems.push(`${path}: lacks ${name}`);
  }
  const keys = Object.keys(value);
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
    problems.push(`${path}: more than ${schema.maxProperties} properties`);
  }
  for (const key of keys) {
    const at = `${path}.${key}`;
    const declared = properties[key];
    const matching = patterns.filter(([source]) => new RegExp(source, 'u').test(key));
    if (declared) problems.push(...schemaProblems(declared, value[key], at));
    for (const [, sub] of matching) problems.push(...schemaProblems(sub, value[key], at));
    if (declared || matching.length > 0) continue;
    const extra = schema.additionalProperties;
    if (extra === false) problems.push(`${at}: not allowed`);
    else if (extra && typeof extra === 'object') {
      problems.push(...schemaProblems(extra as Schema, value[key], at));
    }
  }
  return problems;
}

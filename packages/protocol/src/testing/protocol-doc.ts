/**
 * Reads docs/PROTOCOL.md as data, for the tests that hold the document to the code: its
 * sections by heading, the tables in them, the JSON examples, and what a field table must say
 * of a TypeBox schema (field, type, required).
 */
import { join } from 'node:path';
import { Kind, KindGuard, type TSchema } from '@sinclair/typebox';

export const protocolDocPath = join(import.meta.dir, '..', '..', '..', '..', 'docs', 'PROTOCOL.md');

export interface Section {
  level: number;
  title: string;
  /** The section's own lines, up to its first subsection. */
  lines: string[];
  children: Section[];
}

export interface Table {
  header: string[];
  rows: string[][];
}

/** The page's text, and its sections: those under its one title, "Realtime protocol v1". */
export async function readProtocolDoc(): Promise<{ text: string; doc: Section }> {
  const text = await Bun.file(protocolDocPath).text();
  return { text, doc: child(parseMarkdown(text), 'Realtime protocol v1') };
}

/** Splits a Markdown text into nested sections by its ATX headings, skipping fenced code. */
export function parseMarkdown(markdown: string): Section {
  const root: Section = { level: 0, title: '', lines: [], children: [] };
  const open: Section[] = [root];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6}) (.+)$/.exec(line);
    if (!heading?.[1] || !heading[2]) {
      (open.at(-1) as Section).lines.push(line);
      continue;
    }
    const section: Section = {
      level: heading[1].length,
      title: heading[2].trim(),
      lines: [],
      children: [],
    };
    while ((open.at(-1) as Section).level >= section.level) open.pop();
    (open.at(-1) as Section).children.push(section);
    open.push(section);
  }
  return root;
}

/** The one subsection with this title (throws when there is none, or more than one). */
export function child(section: Section, title: string): Section {
  const found = section.children.filter((c) => c.title === title);
  if (found.length !== 1) {
    throw new Error(`"${section.title}" has ${found.length} sections titled "${title}", not 1`);
  }
  return found[0] as Section;
}

/** The name in a heading such as "`send`", or null for any other heading. */
export const codeTitle = (title: string): string | null => /^`([^`]+)`$/.exec(title)?.[1] ?? null;

/** The tables among a section's own lines, cells trimmed, with `\|` read as `|`. */
export function tables(section: Section): Table[] {
  const found: Table[] = [];
  let rows: string[][] = [];
  const flush = () => {
    const [header, , ...body] = rows;
    if (header) found.push({ header, rows: body });
    rows = [];
  };
  for (const line of section.lines) {
    if (line.startsWith('|')) rows.push(cells(line));
    else flush();
  }
  flush();
  return found;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replaceAll('\\|', '|'));
}

/** The one table of a section whose header is exactly `header`. */
export function tableWith(section: Section, header: string[]): Table {
  const found = tables(section).filter((t) => t.header.join('|') === header.join('|'));
  if (found.length !== 1) {
    throw new Error(
      `"${section.title}" has ${found.length} tables headed ${header.join(' | ')}, not 1`,
    );
  }
  return found[0] as Table;
}

/** A cell as text: `[label](#anchor)` links read as their label. */
export const cellText = (cell: string): string => cell.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

/** The `json` code blocks among a section's own lines. */
export function jsonBlocks(section: Section): string[] {
  const blocks: string[] = [];
  let block: string[] | null = null;
  for (const line of section.lines) {
    if (block === null) {
      if (line.trim() === '```json') block = [];
    } else if (line.trim() === '```') {
      blocks.push(block.join('\n'));
      block = null;
    } else {
      block.push(line);
    }
  }
  return blocks;
}

/** A table cell's number, written with or without thousands separators ("16,384"). */
export function cellNumber(cell: string): number {
  const text = cell.replaceAll(',', '').replaceAll('_', '');
  if (!/^\d+$/.test(text)) throw new Error(`"${cell}" is not a whole number`);
  return Number(text);
}

export interface FieldRow {
  type: string;
  required: 'yes' | 'no';
}

/**
 * What a field table must say of an object schema, by field: its type as the document writes it
 * and whether it is required. An anonymous object's fields follow as `parent.child`; an object
 * that is one of `named` is written as that name (the document gives it a section of its own).
 */
export function fieldRows(
  schema: TSchema,
  named: Record<string, TSchema>,
  prefix = '',
): Record<string, FieldRow> {
  if (!KindGuard.IsObject(schema)) throw new Error('fieldRows needs an object schema');
  const rows: Record<string, FieldRow> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, property] of Object.entries(schema.properties)) {
    const field = `${prefix}${key}`;
    rows[field] = { type: typeText(property, named), required: required.has(key) ? 'yes' : 'no' };
    for (const nested of members(property)) {
      if (KindGuard.IsObject(nested) && !nameOf(nested, named)) {
        Object.assign(rows, fieldRows(nested, named, `${field}.`));
      }
    }
  }
  return rows;
}

const members = (schema: TSchema): TSchema[] =>
  KindGuard.IsUnion(schema) ? schema.anyOf : [schema];

function nameOf(schema: TSchema, named: Record<string, TSchema>): string | undefined {
  const json = JSON.stringify(schema);
  return Object.entries(named).find(([, s]) => JSON.stringify(s) === json)?.[0];
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A schema's type in the document's words: `` `string` (1–64 chars) ``, `` `integer` (≥ 0) ``,
 * `` `"a"` or `"b"` ``, `` `Sender` ``, `` `array` of `string` `` ... A kind this does not know fails the test, so a new
 * kind of field gets a wording here before it reaches the document.
 */
export function typeText(schema: TSchema, named: Record<string, TSchema>): string {
  if (KindGuard.IsUnion(schema)) return schema.anyOf.map((s) => typeText(s, named)).join(' or ');
  const name = nameOf(schema, named);
  if (name) return `\`${name}\``;
  if (KindGuard.IsLiteral(schema)) return `\`${JSON.stringify(schema.const)}\``;
  if (KindGuard.IsArray(schema)) {
    onlyKeys(schema, arrayKeys);
    const { minItems: min, maxItems: max, uniqueItems: unique } = schema;
    const bounds: string[] = [];
    if (min !== undefined && max !== undefined) bounds.push(`${count(min)}–${count(max)} items`);
    else if (max !== undefined) bounds.push(`≤ ${count(max)} items`);
    else if (min !== undefined) bounds.push(`≥ ${count(min)} items`);
    if (unique) bounds.push('unique');
    const of = `\`array\` of ${typeText(schema.items, named)}`;
    return bounds.length === 0 ? of : `${of} (${bounds.join(', ')})`;
  }
  onlyKeys(schema, wordedKeys);
  const base = (type: string, constraints: string[]) =>
    constraints.length === 0 ? `\`${type}\`` : `\`${type}\` (${constraints.join(', ')})`;
  if (KindGuard.IsString(schema)) {
    const { minLength: min, maxLength: max, format } = schema;
    const constraints: string[] = [];
    if (min !== undefined && max !== undefined)
      constraints.push(`${count(min)}–${count(max)} chars`);
    else if (max !== undefined) constraints.push(`≤ ${count(max)} chars`);
    else if (min !== undefined) constraints.push(`≥ ${count(min)} chars`);
    if (format !== undefined) constraints.push(format);
    return base('string', constraints);
  }
  if (KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema)) {
    const { minimum: min, maximum: max } = schema;
    const constraints: string[] = [];
    if (min !== undefined && max !== undefined) constraints.push(`${count(min)}–${count(max)}`);
    else if (min !== undefined) constraints.push(`≥ ${count(min)}`);
    else if (max !== undefined) constraints.push(`≤ ${count(max)}`);
    return base(KindGuard.IsInteger(schema) ? 'integer' : 'number', constraints);
  }
  if (KindGuard.IsBoolean(schema)) return '`boolean`';
  if (KindGuard.IsNull(schema)) return '`null`';
  if (KindGuard.IsObject(schema)) return '`object`';
  throw new Error(`No wording for a schema of kind ${String(schema[Kind])}`);
}

/** The keywords `typeText` puts into words; any other (a `pattern`, a `maximum` on a string...) fails. */
const wordedKeys = new Set([
  'type',
  'minLength',
  'maxLength',
  'format',
  'minimum',
  'maximum',
  'properties',
  'required',
  'description',
]);

/** An array is written as what it holds (`` `array` of `string` ``), then its bounds. */
const arrayKeys = new Set(['type', 'items', 'description', 'minItems', 'maxItems', 'uniqueItems']);

function onlyKeys(schema: TSchema, keys: Set<string>): void {
  const unworded = Object.keys(schema).filter((key) => !keys.has(key));
  if (unworded.length > 0) {
    throw new Error(`No wording for ${unworded.join(', ')} in ${JSON.stringify(schema)}`);
  }
}

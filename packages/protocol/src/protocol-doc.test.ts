/**
 * docs/PROTOCOL.md is the protocol's contract of record; this holds it to the code. Every frame
 * type has a section whose field table says exactly what its schema says (fields, types,
 * required), every example is a valid frame, and the error codes, close codes and limits are
 * those of codes.ts. The gateway's own limits are checked beside it (packages/gateway).
 */
import { beforeAll, describe, expect, test } from 'bun:test';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CloseCode, ErrorCode, limits, SUBPROTOCOL, WS_PATH } from './codes.ts';
import {
  ConversationSummary,
  clientFrames,
  ErrorFrame,
  InboxFilter,
  Mention,
  MessageAttachment,
  Principal,
  Sender,
  serverFrames,
} from './frames.ts';
import {
  cellNumber,
  cellText,
  child,
  codeTitle,
  type FieldRow,
  fieldRows,
  jsonBlocks,
  readProtocolDoc,
  type Section,
  tableWith,
} from './testing/protocol-doc.ts';
import { parseClientFrame } from './validate.ts';

/** The objects the document describes once, under "Objects", and links to from field tables. */
const objects: Record<string, TSchema> = {
  Principal,
  Sender,
  ConversationSummary,
  Mention,
  MessageAttachment,
  InboxFilter,
};
const FIELDS = ['field', 'type', 'required', 'notes'];

// Examples carry real timestamps: check them as the schema's `date-time` says.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (v) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)),
  );
}

let text: string;
let doc: Section;
beforeAll(async () => {
  ({ text, doc } = await readProtocolDoc());
});

/** The field table of a frame or object section, as field → {type, required}. */
function documentedFields(section: Section): Record<string, FieldRow> {
  const rows: Record<string, FieldRow> = {};
  for (const [field, type, required] of tableWith(section, FIELDS).rows) {
    const name = codeTitle(field ?? '');
    if (name === null) throw new Error(`"${section.title}": write the field ${field} as \`name\``);
    if (name in rows) throw new Error(`"${section.title}" lists ${name} twice`);
    rows[name] = { type: cellText(type ?? ''), required: required as FieldRow['required'] };
  }
  return rows;
}

const sectionNames = (section: Section) => section.children.map((c) => codeTitle(c.title));

describe.each([
  ['Client frames', clientFrames],
  ['Server frames', serverFrames],
] as const)('docs/PROTOCOL.md, %s', (heading, frames) => {
  test('has a section for every frame type, and none other', () => {
    expect(sectionNames(child(doc, heading)).sort()).toEqual(Object.keys(frames).sort());
  });

  test.each(Object.keys(frames))('`%s`: its field table is the schema', (t) => {
    const schema = frames[t as keyof typeof frames] as TSchema;
    const section = child(child(doc, heading), `\`${t}\``);
    expect(documentedFields(section)).toEqual(fieldRows(schema, objects));
  });

  test.each(Object.keys(frames))('`%s`: has examples, each a valid frame', (t) => {
    const schema = frames[t as keyof typeof frames] as TSchema;
    const examples = jsonBlocks(child(child(doc, heading), `\`${t}\``));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const frame = JSON.parse(example) as unknown;
      expect(frame).toMatchObject({ t });
      expect([...Value.Errors(schema, frame)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
      if (heading === 'Client frames') expect(parseClientFrame(example).ok).toBe(true);
    }
  });
});

describe('docs/PROTOCOL.md, Objects', () => {
  test('has a section for every shared object, and none other', () => {
    expect(sectionNames(child(doc, 'Objects')).sort()).toEqual(Object.keys(objects).sort());
  });

  test.each(Object.keys(objects))('`%s`: its field table is the schema', (name) => {
    const section = child(child(doc, 'Objects'), `\`${name}\``);
    const others = Object.fromEntries(Object.entries(objects).filter(([key]) => key !== name));
    expect(documentedFields(section)).toEqual(fieldRows(objects[name] as TSchema, others));
  });
});

describe('docs/PROTOCOL.md, codes and limits', () => {
  const errors = () => child(child(doc, 'Errors and close codes'), 'Error codes');
  const closes = () => child(child(doc, 'Errors and close codes'), 'Close codes');

  test('the error codes table lists every ErrorCode', () => {
    const table = tableWith(errors(), ['code', 'sent when', 'client should']);
    const codes = table.rows.map(([code]) => codeTitle(code ?? ''));
    expect(codes.sort()).toEqual(Object.values(ErrorCode).sort());
  });

  test('the error frame schema allows exactly the ErrorCode values', () => {
    const union = ErrorFrame.properties.code.anyOf.map((s: { const: string }) => s.const);
    expect(union.sort()).toEqual(Object.values(ErrorCode).sort());
  });

  test('the close codes table lists every CloseCode, by name and number', () => {
    const table = tableWith(closes(), ['code', 'name', 'meaning', 'client should']);
    const documented = Object.fromEntries(
      table.rows.map(([code, name]) => [codeTitle(name ?? ''), cellNumber(code ?? '')]),
    );
    expect(documented).toEqual({ ...CloseCode });
  });

  test('the protocol limits table is `limits`', () => {
    const table = tableWith(child(child(doc, 'Limits'), 'Protocol limits'), [
      'name',
      'value',
      'meaning',
    ]);
    const documented = Object.fromEntries(
      table.rows.map(([name, value]) => [codeTitle(name ?? ''), cellNumber(value ?? '')]),
    );
    expect(documented).toEqual({ ...limits });
  });

  test('the path and the subprotocol are the ones served', () => {
    expect(text).toContain(`GET ${WS_PATH}?token=<token>`);
    expect(text).toContain(`\`${SUBPROTOCOL}\``);
  });
});

/**
 * docs/PROTOCOL.md's `usage.daily` section is held to UsageDailyEvent: its example is a valid
 * event and its table names every field, nested ones as `data.<field>`, and nothing else.
 */
import { expect, test } from 'bun:test';
import { FormatRegistry, KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { UsageDailyEvent } from './resources/usage.ts';
import { child, codeTitle, jsonBlocks, readProtocolDoc, tables } from './testing/protocol-doc.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)) && v.includes('T'));
}

function fieldNames(schema: TSchema, prefix = ''): string[] {
  if (!KindGuard.IsObject(schema)) return [];
  return Object.entries(schema.properties).flatMap(([key, property]) => [
    `${prefix}${key}`,
    ...(KindGuard.IsObject(property) ? fieldNames(property, `${prefix}${key}.`) : []),
  ]);
}

test('the usage.daily section matches UsageDailyEvent', async () => {
  const { doc } = await readProtocolDoc();
  const section = child(doc, 'Operator webhook: `usage.daily`');
  const examples = jsonBlocks(section);
  expect(examples).toHaveLength(1);
  const example = JSON.parse(examples[0] as string) as unknown;
  expect([...Value.Errors(UsageDailyEvent, example)].map((e) => e.path)).toEqual([]);
  const documented = (tables(section)[0]?.rows ?? []).map((row) => codeTitle(row[0] ?? ''));
  // `data` is a group of its own; its fields are listed one by one.
  expect(documented).toEqual(fieldNames(UsageDailyEvent).filter((name) => name !== 'data'));
});

import { expect, test } from 'bun:test';
import { cellNumber, child, codeTitle, readProtocolDoc, tableWith } from '@flc/protocol/testing';
import { defaultLimits } from './types.ts';

/** docs/PROTOCOL.md states this server's limits (its schemas are checked in packages/protocol). */
test("docs/PROTOCOL.md's server limits are `defaultLimits`", async () => {
  const { doc } = await readProtocolDoc();
  const section = child(child(doc, 'Limits'), 'Server limits');
  const table = tableWith(section, ['name', 'value', 'meaning']);
  const documented = Object.fromEntries(
    table.rows.map(([name, value]) => [codeTitle(name ?? ''), cellNumber(value ?? '')]),
  );
  expect(documented).toEqual({ ...defaultLimits });
});

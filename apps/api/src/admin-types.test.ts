import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { adminTypes, adminTypesFile, generateCommand, openApiDocument } from './admin-types.ts';

// The admin client's types are generated from the API's document and committed: a route schema
// changed without generating again fails here, with the command that fixes it.
test('the committed types of @fast-light-chat/admin are those of the API as it is', async () => {
  const document = await openApiDocument();
  const generated = await adminTypes(document);
  const committed = readFileSync(adminTypesFile, 'utf8');
  if (committed !== generated) {
    throw new Error(
      `packages/admin/src/openapi.ts is stale: run \`${generateCommand}\` and commit the result`,
    );
  }
  expect(committed).toContain('"/v1/conversations": {');
  // The comparison can fail: one more route gives another file.
  const changed = structuredClone(document);
  changed.paths = { ...changed.paths, '/v1/more': { get: { responses: {} } } };
  expect(await adminTypes(changed)).not.toBe(committed);
}, 60_000);

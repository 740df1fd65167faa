import { expect, test } from 'bun:test';
import { openSecret, sealSecret } from './secret-box.ts';

test('a sealed secret opens for its agent under the same JWT secret only', async () => {
  const sealed = await sealSecret('jwt-one', 'agent-a', 'JBSWY3DPEHPK3PXP');
  expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  expect(await openSecret('jwt-one', 'agent-a', sealed)).toBe('JBSWY3DPEHPK3PXP');
  expect(await openSecret('jwt-two', 'agent-a', sealed)).toBeNull();
  expect(await openSecret('jwt-one', 'agent-b', sealed)).toBeNull();
  expect(await openSecret('jwt-one', 'agent-a', 'v0.x.y')).toBeNull();
  // A fresh IV each time: the same secret never seals to the same text.
  expect(await sealSecret('jwt-one', 'agent-a', 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
});

import { expect, test } from 'bun:test';
import { cannedProblems } from './form.ts';

const ok = { shortcut: 'refund', title: 'Refund policy', body: 'Hi {{contact.name|there}}' };

test('a good response has no problems; spaces around the fields do not count', () => {
  expect(cannedProblems(ok)).toEqual({});
  expect(cannedProblems({ shortcut: ' Re_fund-2 ', title: ' T ', body: ' B ' })).toEqual({});
});

test('each field says what is wrong with it, as the API would refuse it', () => {
  expect(cannedProblems({ shortcut: '', title: '', body: '  ' })).toEqual({
    shortcut: 'Required',
    title: 'Required',
    body: 'Required',
  });
  for (const shortcut of ['/refund', 'two words', 'ümlaut', 'a'.repeat(33)]) {
    expect(cannedProblems({ ...ok, shortcut }).shortcut).toStartWith('Use 1 to 32 letters');
  }
  expect(cannedProblems({ ...ok, title: 't'.repeat(121) })).toEqual({
    title: 'At most 120 characters',
  });
  expect(cannedProblems({ ...ok, body: 'b'.repeat(4001) })).toEqual({
    body: 'At most 4000 characters',
  });
  expect(cannedProblems({ ...ok, body: 'Hi {{contact.phone}} {{agent.name}} {{nope}}' })).toEqual({
    body: 'Unknown variables: {{contact.phone}}, {{nope}}',
  });
});

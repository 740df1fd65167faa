import { expect, test } from 'bun:test';
import { passwordProblem } from './password-policy.ts';

test('weak passwords are refused with a reason; long, uncommon ones pass as typed', async () => {
  expect(await passwordProblem('short')).toBe('At least 8 characters');
  expect(await passwordProblem(' '.repeat(12))).toBe('Use more than one character');
  expect(await passwordProblem('aaaaaaaaaaaa')).toBe('Use more than one character');
  for (const common of ['password', 'Password1', '12345678', 'iloveyou!', 'qwertyuiop']) {
    expect(await passwordProblem(common)).toBe('This password is too common; choose another');
  }
  expect(await passwordProblem('ann.lee@example.com', ['Ann.Lee@example.com'])).toBe(
    'Do not use your email or name as your password',
  );
  expect(await passwordProblem('ann.leeann', ['ann.leeann@example.com'])).toBe(
    'Do not use your email or name as your password',
  );
  expect(await passwordProblem('correct horse battery staple', ['ann@example.com'])).toBeNull();
  // Nothing is trimmed: the spaces are part of the password.
  expect(await passwordProblem('  tangerine lamp  ')).toBeNull();
});

import { expect, test } from 'bun:test';
import { ApiError } from '../../lib/api.ts';
import { safeNext } from './login-page.tsx';
import { retryAt, secondsLeft, tooManyAttempts } from './rate-limit.ts';
import { validateAcceptInvite, validateLogin, validateSignup } from './validation.ts';

test('a 429 gives the time to try again from retry-after; other errors give none', () => {
  const now = 1_000_000;
  const limited = new ApiError(429, 'rate_limited', 'Too many', undefined, 42);
  expect(retryAt(limited, now)).toBe(now + 42_000);
  expect(retryAt(new ApiError(429, 'rate_limited', 'Too many'), now)).toBe(now + 30_000);
  expect(retryAt(new ApiError(401, 'unauthorized', 'No'), now)).toBeNull();
  expect(retryAt(new Error('offline'), now)).toBeNull();
});

test('the countdown rounds up and stops at zero', () => {
  expect(secondsLeft(10_500, 10_000)).toBe(1);
  expect(secondsLeft(52_000, 10_000)).toBe(42);
  expect(secondsLeft(9_000, 10_000)).toBe(0);
  expect(tooManyAttempts(42)).toBe('Too many attempts. Try again in 42 s.');
  expect(tooManyAttempts(90)).toBe('Too many attempts. Try again in 1 min 30 s.');
});

test('only same-origin paths are followed after logging in', () => {
  expect(safeNext('/inbox/123?x=1')).toBe('/inbox/123?x=1');
  expect(safeNext('//evil.example')).toBe('/inbox');
  expect(safeNext('https://evil.example')).toBe('/inbox');
  expect(safeNext(null)).toBe('/inbox');
});

test('sign-up checks every field before asking the API', () => {
  expect(
    validateSignup({ organizationName: ' ', name: '', email: 'nope', password: 'short' }),
  ).toEqual({
    organizationName: 'Required',
    name: 'Required',
    email: 'Enter a valid email address',
    password: 'At least 8 characters',
  });
  expect(
    validateSignup({
      organizationName: 'Acme',
      name: 'Ada',
      email: 'a@b.co',
      password: '12345678',
    }),
  ).toEqual({});
});

test('log-in needs an email and a password; accepting needs matching passwords', () => {
  expect(validateLogin({ email: '', password: '' })).toEqual({
    email: 'Required',
    password: 'Required',
  });
  expect(
    validateAcceptInvite({ token: 't', name: 'Bob', password: 'longenough', confirm: 'x' }),
  ).toEqual({
    confirm: 'The passwords differ',
  });
  // The name comes pre-filled from the invitation; emptied, it is asked for again.
  expect(
    validateAcceptInvite({ token: '', name: ' ', password: 'short', confirm: 'short' }),
  ).toEqual({
    token: 'This link has no invitation token',
    name: 'Required',
    password: 'At least 8 characters',
  });
});

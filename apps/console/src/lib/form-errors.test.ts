import { expect, test } from 'bun:test';
import { ApiError } from './api.ts';
import { fieldError, formatWait, formErrors, humanizeDetail } from './form-errors.ts';

const validation = (details: { path: string; message: string }[]) =>
  new ApiError(422, 'validation', 'The request is invalid', details);

test('422 details land on their fields, without the body. prefix, in plain words', () => {
  const errors = formErrors(
    validation([
      { path: 'body.email', message: "Property 'email' should be email" },
      { path: 'body.password', message: 'Expected string length greater or equal to 8' },
      { path: 'body.organizationName', message: 'Expected string length greater or equal to 1' },
    ]),
    ['organizationName', 'name', 'email', 'password'],
  );
  expect(errors.fields).toEqual({
    email: 'Enter a valid email address',
    password: 'At least 8 characters',
    organizationName: 'Required',
  });
  expect(errors.form).toBeNull();
});

test('item paths stay whole, and a field finds the first of its items', () => {
  const errors = formErrors(
    validation([
      { path: 'body.allowedOrigins.2', message: 'Expected an origin' },
      { path: 'body.allowedOrigins.4', message: 'Expected an origin, again' },
    ]),
    ['name', 'allowedOrigins'],
  );
  expect(errors.fields['allowedOrigins.2']).toBe('Expected an origin');
  expect(fieldError(errors, 'allowedOrigins')).toBe('Expected an origin');
  expect(fieldError(errors, 'name')).toBeUndefined();
});

test('a detail for a field the form lacks is not lost: it goes to the form', () => {
  const errors = formErrors(validation([{ path: 'body.role', message: 'Bad role' }]), ['email']);
  expect(errors.fields).toEqual({});
  expect(errors.form).toBe('role: Bad role');
});

test('other errors are the form message; no error is nothing', () => {
  expect(formErrors(new ApiError(409, 'conflict', 'Email taken')).form).toBe('Email taken');
  // A failed fetch says what happened in the console's language, not the browser's words.
  expect(formErrors(new TypeError('Failed to fetch')).form).toBe(
    'The server could not be reached. Check your connection and try again.',
  );
  expect(formErrors(new Error('Boom')).form).toBe('Boom');
  expect(formErrors(null)).toEqual({ fields: {}, form: null });
  expect(formErrors(new ApiError(422, 'validation', 'Bad', [])).form).toBe('Bad');
});

test('TypeBox wording is humanized; anything else passes through', () => {
  expect(humanizeDetail('Expected string length less or equal to 120')).toBe(
    'At most 120 characters',
  );
  expect(humanizeDetail('The host is loopback')).toBe('The host is loopback');
});

test('waits read as seconds, then minutes', () => {
  expect(formatWait(0.2)).toBe('1 s');
  expect(formatWait(42)).toBe('42 s');
  expect(formatWait(60)).toBe('1 min');
  expect(formatWait(125)).toBe('2 min 5 s');
});

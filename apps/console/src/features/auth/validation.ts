/** The checks a form can make before asking the API (which checks again and answers 422). */
import { t } from '../../lib/i18n/index.tsx';

export type Problems = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD = 8;

function required(problems: Problems, field: string, value: string): void {
  if (!value.trim()) problems[field] = t('acceptInvite.required');
}

function email(problems: Problems, value: string): void {
  if (!value.trim()) problems.email = t('acceptInvite.required');
  else if (!EMAIL.test(value.trim())) problems.email = t('acceptInvite.validEmail');
}

function password(problems: Problems, value: string): void {
  if (value.length < MIN_PASSWORD)
    problems.password = t('acceptInvite.minPassword', { n: MIN_PASSWORD });
}

export function validateLogin(input: { email: string; password: string }): Problems {
  const problems: Problems = {};
  email(problems, input.email);
  required(problems, 'password', input.password);
  return problems;
}

export function validateSignup(input: {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}): Problems {
  const problems: Problems = {};
  required(problems, 'organizationName', input.organizationName);
  required(problems, 'name', input.name);
  email(problems, input.email);
  password(problems, input.password);
  return problems;
}

export function validateAcceptInvite(input: {
  token: string;
  name: string;
  password: string;
  confirm: string;
}): Problems {
  const problems: Problems = {};
  if (!input.token) problems.token = t('acceptInvite.noToken');
  required(problems, 'name', input.name);
  password(problems, input.password);
  if (!problems.password && input.confirm !== input.password) {
    problems.confirm = t('acceptInvite.passwordsDiffer');
  }
  return problems;
}

export function validateEmail(input: { email: string }): Problems {
  const problems: Problems = {};
  email(problems, input.email);
  return problems;
}

export function validateNewPassword(input: { password: string; confirm: string }): Problems {
  const problems: Problems = {};
  password(problems, input.password);
  if (!problems.password && input.confirm !== input.password) {
    problems.confirm = t('acceptInvite.passwordsDiffer');
  }
  return problems;
}

export const hasProblems = (problems: Problems) => Object.keys(problems).length > 0;

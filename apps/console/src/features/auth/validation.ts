/** The checks a form can make before asking the API (which checks again and answers 422). */
export type Problems = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD = 8;

function required(problems: Problems, field: string, value: string, label = 'Required'): void {
  if (!value.trim()) problems[field] = label;
}

function email(problems: Problems, value: string): void {
  if (!value.trim()) problems.email = 'Required';
  else if (!EMAIL.test(value.trim())) problems.email = 'Enter a valid email address';
}

function password(problems: Problems, value: string): void {
  if (value.length < MIN_PASSWORD) problems.password = `At least ${MIN_PASSWORD} characters`;
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
  if (!input.token) problems.token = 'This link has no invitation token';
  required(problems, 'name', input.name);
  password(problems, input.password);
  if (!problems.password && input.confirm !== input.password) {
    problems.confirm = 'The passwords differ';
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
    problems.confirm = 'The passwords differ';
  }
  return problems;
}

export const hasProblems = (problems: Problems) => Object.keys(problems).length > 0;

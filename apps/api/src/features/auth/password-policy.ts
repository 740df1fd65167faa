import { validation } from '../../lib/errors.ts';

/** The shortest password accepted (the schema says so too, as `minLength`). */
export const MIN_PASSWORD = 8;

let common: Promise<Set<string>> | undefined;

/**
 * About 49,000 passwords most often found in breaches (zxcvbn-ts's common list), lowercased,
 * loaded on the first check so processes that never set a password do not hold them.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return common;
}

/**
 * Why a new password is refused, or null. The password is taken exactly as typed (nothing is
 * trimmed): long enough, not one character over and over (twelve spaces), not a common
 * password in any case, and not the account's own email, its name or its organization's.
 */
export async function passwordProblem(
  password: string,
  personal: (string | undefined)[] = [],
): Promise<string | null> {
  if ([...password].length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters`;
  if (new Set(password).size === 1) return 'Use more than one character';
  const lower = password.toLowerCase();
  const list = await commonPasswords();
  if (list.has(lower) || list.has(lower.trim())) {
    return 'This password is too common; choose another';
  }
  const own = personal
    .filter((p): p is string => Boolean(p))
    .flatMap((p) => [p.toLowerCase().trim(), p.toLowerCase().split('@')[0]?.trim() ?? '']);
  if (own.some((p) => p.length > 0 && p === lower.trim())) {
    return 'Do not use your email or name as your password';
  }
  return null;
}

/** Refuses a new password as the request's `body.password` (422 `validation`). */
export async function checkNewPassword(
  password: string,
  personal: (string | undefined)[] = [],
): Promise<void> {
  const problem = await passwordProblem(password, personal);
  if (problem)
    throw validation('The request is invalid', [{ path: 'body.password', message: problem }]);
}

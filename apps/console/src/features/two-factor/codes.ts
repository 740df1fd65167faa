import { ApiError } from '../../lib/api.ts';
import { t } from './strings.ts';

/** A code from the app, checked before asking the API. */
export const codeProblem = (code: string): string | undefined =>
  /^[0-9]{6}$/.test(code.trim()) ? undefined : t.invalidCode;

/** What a refused request says to the agent; a 429 says how long to wait. */
export function errorMessage(error: Error): string {
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter ?? 60;
    return `Too many attempts. Try again in ${wait < 60 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`;
  }
  return error.message;
}

/** The recovery codes as a text file to keep. */
export const recoveryFile = (codes: string[]) =>
  `Fast Light Chat recovery codes\nEach code signs you in once.\n\n${codes.join('\n')}\n`;

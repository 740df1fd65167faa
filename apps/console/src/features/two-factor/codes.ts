import { ApiError } from '../../lib/api.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';

/** A code from the app, checked before asking the API. */
export const codeProblem = (code: string): string | undefined =>
  /^[0-9]{6}$/.test(code.trim()) ? undefined : t('twoFactor.invalidCode');

/** What a refused request says to the agent; a 429 says how long to wait. */
export function errorMessage(error: Error): string {
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter ?? 60;
    return wait < 60
      ? t('twoFactor.tooManySeconds', { n: wait })
      : t('twoFactor.tooManyMinutes', { n: Math.ceil(wait / 60) });
  }
  return errorText(error);
}

/** The recovery codes as a text file to keep. */
export const recoveryFile = (codes: string[]) =>
  `${t('twoFactor.recoveryFile')}\n\n${codes.join('\n')}\n`;

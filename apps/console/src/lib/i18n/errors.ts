/** An error as the agent reads it, in the console's language. */
import { ApiError } from '../api.ts';
import errorWords from './errors.en.ts';
import { currentLocale, type MessageKey, t } from './index.tsx';

const codeKey = (code: string): MessageKey | null =>
  Object.hasOwn(errorWords, code) ? (`errors.${code}` as MessageKey) : null;

/**
 * The API's error codes are stable and its messages English and specific ("a label named VIP
 * exists"): English keeps the server's message, other languages say what the code means, and an
 * unknown code falls back to the server's message. A failed fetch is a network error.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const key = codeKey(error.code);
    if (currentLocale() === 'en' || !key) return error.message;
    // The plan's limit with its value, as the server's English message says it.
    if (error.code === 'plan_limit_reached' && error.limit) {
      return t('plan.limitReached', { limit: error.limit.name, value: error.limit.value });
    }
    return t(key);
  }
  // fetch() rejects with a TypeError when the network fails (worded differently per browser).
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    return t('errors.network');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

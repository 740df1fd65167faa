import type { Config } from '@flc/config';
import { type Budget, budget, lowerLimit, type RateLimiter } from '@flc/core';
import { rateLimited } from './errors.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every rate limit of the API, made once from the configuration (null: switched off). They are
 * counted by the platform's `RateLimiter`: in memory for one process, in Redis across all of them.
 */
export function apiBudgets(config: Config) {
  const loginPeriod = config.loginWindow * 1000;
  return {
    /** Failed logins per email, per client IP, and per device token. */
    loginEmail: budget('login-email', config.loginMaxFailures, loginPeriod),
    loginIp: budget('login-ip', config.loginMaxFailuresPerIp, loginPeriod),
    loginDevice: budget('login-device', config.loginMaxFailures, loginPeriod),
    /** Wrong two-factor codes (and passwords turning it off) per agent. */
    twoFactor: budget('two-factor', config.twoFactorMaxFailures, loginPeriod),
    /** Requests per API key: `FLC_API_KEY_BURST` at once, `FLC_API_KEY_RATE` per second on. */
    apiKey: apiKeyBudget(config, null),
    signupIp: budget('signup-ip', config.signupsPerIp, HOUR),
    /** Invitations issued (and links renewed) per organization. */
    invitesOrg: budget('invites-org', config.invitesPerOrgPerHour, HOUR),
    widgetBootIp: budget('widget-boot-ip', config.widgetBootsPerIp, MINUTE),
    ssoStartIp: budget('sso-start-ip', config.ssoStartsPerIp, MINUTE),
    visitor: budget('visitor', config.visitorRequestsPerMinute, MINUTE),
    /** Password reset mails asked for, per email and per client IP. */
    passwordResetEmail: budget(
      'password-reset-email',
      config.passwordResetMaxPerEmail,
      config.passwordResetWindow * 1000,
    ),
    passwordResetIp: budget(
      'password-reset-ip',
      config.passwordResetMaxPerIp,
      config.passwordResetWindow * 1000,
    ),
  } satisfies Record<string, Budget | null>;
}

export type ApiBudgets = ReturnType<typeof apiBudgets>;

/**
 * One API key's budget: `FLC_API_KEY_BURST` at once, then the lower of `FLC_API_KEY_RATE` and
 * its organization's plan's `apiKeyRequestsPerSecond` per second (null: neither limits it).
 */
export function apiKeyBudget(
  config: Pick<Config, 'apiKeyRate' | 'apiKeyBurst'>,
  planRate: number | null,
): Budget | null {
  const rate = lowerLimit(config.apiKeyRate, planRate);
  if (rate === null || rate <= 0) return null;
  return budget('api-key', config.apiKeyBurst, (config.apiKeyBurst / rate) * 1000);
}

/** Takes a slot of `key`'s budget, or refuses the request with 429 and `retry-after`. */
export async function spend(
  limiter: RateLimiter,
  budget: Budget | null,
  key: string,
): Promise<void> {
  if (!budget) return;
  const wait = await limiter.take(budget, key);
  if (wait > 0) throw rateLimited(wait);
}

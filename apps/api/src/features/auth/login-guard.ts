import { jwt } from '@elysiajs/jwt';
import { type Budget, type RateLimiter, verifyPlatformToken } from '@flc/core';
import type { ApiDeps } from '../../deps.ts';
import { spend } from '../../lib/budgets.ts';

/** Signs the device token a successful login gives the browser (`FLC_DEVICE_TOKEN_TTL`). */
export const deviceTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  jwt({ name: 'deviceJwt', secret: deps.jwtSecret, exp: `${deps.config.deviceTokenTtl}s` });

export interface LoginBudgets {
  loginEmail: Budget | null;
  loginIp: Budget | null;
  loginDevice: Budget | null;
}

/** A login attempt holding its slots: a correct password gives them back. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * The failure budgets of logins. A stranger's attempts count per email and per client IP, so
 * guessing one account's password or spraying one password over many accounts is slowed. A
 * browser that signed in to the account before sends its device token instead and counts against
 * a budget of that token alone: strangers who spend the account's or the IP's budget cannot lock
 * its owner out (device cookies, as OWASP describes them).
 */
export class LoginGuard {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly budgets: LoginBudgets,
    private readonly secret: string,
  ) {}

  async begin(email: string, ip: string, deviceToken: string | undefined): Promise<LoginAttempt> {
    const device = deviceToken ? await this.device(deviceToken, email) : null;
    const { limiter, budgets } = this;
    if (device) {
      await spend(limiter, budgets.loginDevice, device);
      return { succeeded: () => this.forget(budgets.loginDevice, device) };
    }
    await spend(limiter, budgets.loginIp, ip);
    try {
      await spend(limiter, budgets.loginEmail, email);
    } catch (refused) {
      if (budgets.loginIp) await limiter.giveBack(budgets.loginIp, ip);
      throw refused;
    }
    return {
      succeeded: async () => {
        await this.forget(budgets.loginEmail, email);
        if (budgets.loginIp) await limiter.giveBack(budgets.loginIp, ip);
      },
    };
  }

  /** The token's id when it is a live device token of this email, else null (a stranger). */
  private async device(token: string, email: string): Promise<string | null> {
    const claims = verifyPlatformToken(this.secret, token);
    if (claims?.typ !== 'device' || claims.eml !== email || typeof claims.jti !== 'string') {
      return null;
    }
    return claims.jti;
  }

  private async forget(budget: Budget | null, key: string): Promise<void> {
    if (budget) await this.limiter.reset(budget, key);
  }
}

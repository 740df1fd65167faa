import type { Budget, RateLimiter } from '@flc/core';
import type { Sql } from '@flc/storage/postgres';
import { generateSecret, generateURI } from 'otplib';
import { spend } from '../../lib/budgets.ts';
import { ApiError, conflict, unauthorized } from '../../lib/errors.ts';
import { openSecret, sealSecret } from '../two-factor/secret-box.ts';
import { wrongCode } from '../two-factor/service.ts';
import { acceptedStep } from '../two-factor/totp.ts';
import { hashPassword, type OperatorRow, operatorColumns } from './accounts.ts';
import { type OperatorContext, recordOperatorEvent } from './events.ts';

const ISSUER = 'Fast Light Chat operators';

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
};

/** The sealed secret is bound to the operator (not an agent of the same id space). */
const sealedFor = (operatorId: string) => `operator:${operatorId}`;

const wrongCredentials = () => unauthorized('Wrong email, password or code');

/**
 * Operators' sign-in (password, then a TOTP code when enrolled) and their two-factor enrolment.
 * Wrong codes count against a budget per operator (`FLC_TWO_FACTOR_MAX_FAILURES`).
 */
export class OperatorSignIn {
  constructor(
    private readonly sql: Sql,
    private readonly jwtSecret: string,
    private readonly limiter: RateLimiter,
    private readonly failures: Budget | null,
  ) {}

  async byId(id: string): Promise<OperatorRow | null> {
    const [row] = await this.sql<OperatorRow[]>`
      select ${this.sql.unsafe(operatorColumns)} from operators where id = ${id}`;
    return row ?? null;
  }

  /**
   * The operator when the password is right, the account enabled and (with two-factor on) the
   * code right; 401 otherwise, the same answer whichever it was. With two-factor on and no code,
   * 401 `two_factor_required` (said only after the right password).
   */
  async signIn(
    email: string,
    password: string,
    code: string | undefined,
    context: Omit<OperatorContext, 'operator'>,
    passwordRight: () => Promise<void>,
  ): Promise<OperatorRow> {
    const [row] = await this.sql<OperatorRow[]>`
      select ${this.sql.unsafe(operatorColumns)} from operators where email = ${email}`;
    const ok = await Bun.password.verify(password, row?.password_hash ?? (await decoy()));
    if (!row) throw wrongCredentials();
    const actor = { ...context, operator: { id: row.id, email: row.email } };
    if (!ok || row.disabled_at) {
      await recordOperatorEvent(this.sql, actor, 'operator.sign_in_failed', null, {
        reason: ok ? 'disabled' : 'wrong_password',
      });
      throw wrongCredentials();
    }
    await passwordRight();
    if (row.totp_enabled_at) {
      if (code === undefined) {
        throw new ApiError(
          401,
          'two_factor_required',
          'Send the code of your authenticator app as `code`',
        );
      }
      if (!(await this.checked(row.id, () => this.acceptCode(row, code)))) {
        await recordOperatorEvent(this.sql, actor, 'operator.sign_in_failed', null, {
          reason: 'wrong_code',
        });
        throw wrongCode(401, 'code');
      }
    }
    await recordOperatorEvent(this.sql, actor, 'operator.signed_in', null, {
      twoFactor: row.totp_enabled_at !== null,
    });
    return row;
  }

  async status(id: string) {
    const row = await this.byId(id);
    return {
      enabled: row?.totp_enabled_at != null,
      enabledAt: row?.totp_enabled_at?.toISOString() ?? null,
    };
  }

  /** A new secret waiting for its first code; replaces an earlier unconfirmed one. */
  async start(operator: { id: string; email: string }) {
    const secret = generateSecret();
    const sealed = await sealSecret(this.jwtSecret, sealedFor(operator.id), secret);
    const [row] = await this.sql`
      update operators set totp_secret_ciphertext = ${sealed}, totp_last_time_step = null
      where id = ${operator.id} and totp_enabled_at is null
      returning id`;
    if (!row) throw conflict('Two-factor sign-in is already on; turn it off first');
    return {
      secret,
      otpauthUri: generateURI({ issuer: ISSUER, label: operator.email, secret }),
    };
  }

  async confirm(context: OperatorContext, code: string): Promise<void> {
    const row = await this.byId(context.operator.id ?? '');
    if (!row || row.totp_enabled_at || !row.totp_secret_ciphertext) {
      throw conflict(row?.totp_enabled_at ? 'Two-factor sign-in is already on' : 'Start first');
    }
    if (!(await this.checked(row.id, () => this.acceptCode(row, code)))) {
      throw wrongCode(422, 'code');
    }
    await this.sql.begin(async (tx) => {
      await tx`update operators set totp_enabled_at = now() where id = ${row.id}`;
      await recordOperatorEvent(tx, context, 'operator.two_factor.enabled');
    });
  }

  async disable(context: OperatorContext, code: string): Promise<void> {
    const row = await this.byId(context.operator.id ?? '');
    if (!row?.totp_enabled_at) throw conflict('Two-factor sign-in is off');
    if (!(await this.checked(row.id, () => this.acceptCode(row, code)))) {
      throw wrongCode(422, 'code');
    }
    await this.sql.begin(async (tx) => {
      await tx`
        update operators set totp_secret_ciphertext = null, totp_enabled_at = null,
          totp_last_time_step = null
        where id = ${row.id}`;
      await recordOperatorEvent(tx, context, 'operator.two_factor.disabled');
    });
  }

  /** Takes a slot of the budget first, so concurrent guesses cannot all be checked. */
  private async checked(id: string, check: () => Promise<boolean>): Promise<boolean> {
    const key = `operator:${id}`;
    await spend(this.limiter, this.failures, key);
    const ok = await check();
    if (ok && this.failures) await this.limiter.reset(this.failures, key);
    return ok;
  }

  private async acceptCode(row: OperatorRow, code: string): Promise<boolean> {
    if (!row.totp_secret_ciphertext) return false;
    const secret = await openSecret(this.jwtSecret, sealedFor(row.id), row.totp_secret_ciphertext);
    if (secret === null) {
      throw conflict('Your two-factor key can no longer be read: reset it with the CLI');
    }
    const step = await acceptedStep(secret, code, row.totp_last_time_step);
    if (step === null) return false;
    // The step moves forward in one statement: of two requests with the same code, one wins.
    const [moved] = await this.sql`
      update operators set totp_last_time_step = ${step}
      where id = ${row.id}
        and (totp_last_time_step is null or totp_last_time_step < ${step})
      returning id`;
    return moved !== undefined;
  }
}

import type { Operator } from '@flc/protocol/resources';
import { isUniqueViolation, type Sql } from '@flc/storage/postgres';
import { ApiError } from '../../lib/errors.ts';
import { newId } from '../../lib/secrets.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { type OperatorContext, recordOperatorEvent } from './events.ts';

export interface OperatorRow {
  id: string;
  email: string;
  password_hash: string;
  totp_secret_ciphertext: string | null;
  totp_enabled_at: Date | null;
  totp_last_time_step: string | null;
  created_at: Date;
  disabled_at: Date | null;
  sessions_revoked_at: Date | null;
}

export const operatorColumns = `id, email, password_hash, totp_secret_ciphertext, totp_enabled_at,
  totp_last_time_step, created_at, disabled_at, sessions_revoked_at`;

export const toOperator = (r: OperatorRow): Operator => ({
  id: r.id,
  email: r.email,
  createdAt: r.created_at.toISOString(),
  twoFactorEnabled: r.totp_enabled_at !== null,
});

/** Hashed as agents' passwords are. */
export const hashPassword = (password: string) =>
  Bun.password.hash(password, { algorithm: 'argon2id' });

export const normalizeOperatorEmail = (email: string) => email.trim().toLowerCase();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SaveOperatorInput {
  email: string;
  password: string;
  /** Also turns its two-factor off (a lost phone): the operator enrols again. */
  resetTwoFactor?: boolean;
}

/**
 * Creates the operator with this email, or resets it: the new password, enabled again, and every
 * token it holds ended. Its two-factor stays unless `resetTwoFactor`. The password must pass the
 * agents' policy (422 `validation` otherwise). Recorded in the operators' log.
 */
export async function saveOperator(
  sql: Sql,
  input: SaveOperatorInput,
  context: OperatorContext,
): Promise<{ operator: Operator; created: boolean }> {
  const email = normalizeOperatorEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw new Error(`Not an email address: ${email}`);
  await checkNewPassword(input.password, [email]);
  const passwordHash = await hashPassword(input.password);
  return sql.begin(async (tx) => {
    const [existing] = await tx<{ id: string }[]>`
      select id from operators where email = ${email} for update`;
    const reset = input.resetTwoFactor === true;
    const [row] = existing
      ? await tx<OperatorRow[]>`
          update operators set password_hash = ${passwordHash}, disabled_at = null,
            sessions_revoked_at = now(),
            totp_secret_ciphertext = case when ${reset} then null else totp_secret_ciphertext end,
            totp_enabled_at = case when ${reset} then null else totp_enabled_at end,
            totp_last_time_step = case when ${reset} then null else totp_last_time_step end
          where id = ${existing.id}
          returning ${tx.unsafe(operatorColumns)}`
      : await tx<OperatorRow[]>`
          insert into operators (id, email, password_hash)
          values (${newId()}, ${email}, ${passwordHash})
          returning ${tx.unsafe(operatorColumns)}`;
    if (!row) throw new Error('saving an operator returned no row');
    await recordOperatorEvent(
      tx,
      { ...context, operator: { id: row.id, email: row.email } },
      existing ? 'operator.reset' : 'operator.created',
      null,
      existing ? { twoFactorReset: reset } : {},
    );
    return { operator: toOperator(row), created: !existing };
  });
}

/**
 * The operator of `FLC_OPERATOR_EMAIL`, created at start-up with the password of
 * `FLC_OPERATOR_PASSWORD_FILE` when no operator has that email; an existing one is left alone
 * (so a restart never undoes a reset made with the CLI).
 */
export async function ensureConfiguredOperator(
  sql: Sql,
  config: { operatorEmail?: string | undefined; operatorPasswordFile?: string | undefined },
): Promise<'created' | 'exists' | 'none'> {
  if (!config.operatorEmail || !config.operatorPasswordFile) return 'none';
  const email = normalizeOperatorEmail(config.operatorEmail);
  const [found] = await sql`select 1 from operators where email = ${email}`;
  if (found) return 'exists';
  const text = await Bun.file(config.operatorPasswordFile).text();
  const password = text.split(/\r?\n/)[0] ?? '';
  try {
    await saveOperator(
      sql,
      { email, password },
      { operator: { id: null, email }, origin: { ip: null, userAgent: 'FLC_OPERATOR_EMAIL' } },
    );
  } catch (e) {
    // Another process of the install, starting at the same moment, made it.
    if (isUniqueViolation(e)) return 'exists';
    if (e instanceof ApiError) {
      const reason = e.details?.map((d) => d.message).join('; ') ?? e.message;
      throw new Error(`FLC_OPERATOR_PASSWORD_FILE: its password is refused: ${reason}`);
    }
    throw e;
  }
  return 'created';
}

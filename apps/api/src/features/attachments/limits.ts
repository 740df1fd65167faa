import { lowerLimit } from '@flc/core';
import type { Sql, TransactionSql } from '@flc/storage/postgres';
import { ApiError, planLimitReached } from '../../lib/errors.ts';

/** An organization's attachment limits: bytes kept in all, and uploads per UTC day (0: none). */
export interface AttachmentLimits {
  bytes: number;
  uploadsPerDay: number;
}

interface UsageRow {
  bytes: string;
  day: string | null;
  day_uploads: number;
}

/** The UTC day of a moment, as PostgreSQL's `date` reads it. */
const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Counts uploads against an organization's limits in `attachment_usage`, the one row every API
 * process raises, so the limits hold across processes: `check` refuses early (before the bytes
 * are stored) and `reserve` counts atomically in the upload's transaction, all or nothing.
 */
export class AttachmentQuota {
  constructor(
    private readonly limits: AttachmentLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Refuses when the organization is past a limit already. `planBytes`: its plan's
   * `attachmentBytes` (null: none); the lower of it and the install's applies.
   */
  async check(sql: Sql, org: string, size: number, planBytes: number | null = null): Promise<void> {
    const [used] = await sql<UsageRow[]>`
      select bytes, day::text as day, day_uploads from attachment_usage
      where organization_id = ${org}`;
    this.refuseIfOver(used, size, planBytes);
  }

  /** Adds the upload's bytes and one upload of today, or none of them when they do not fit. */
  async reserve(
    tx: TransactionSql,
    org: string,
    size: number,
    planBytes: number | null = null,
  ): Promise<void> {
    const bytes = lowerLimit(this.limits.bytes, planBytes) ?? Number.MAX_SAFE_INTEGER;
    const uploads = this.limits.uploadsPerDay || 2_147_483_647;
    const day = utcDay(this.now());
    const today =
      'case when attachment_usage.day = excluded.day then attachment_usage.day_uploads + 1 else 1 end';
    const rows = await tx`
      insert into attachment_usage (organization_id, bytes, day, day_uploads)
      values (${org}, ${size}, ${day}::date, 1)
      on conflict (organization_id) do update set
        bytes = attachment_usage.bytes + excluded.bytes,
        day = excluded.day,
        day_uploads = ${tx.unsafe(today)}
      where attachment_usage.bytes + excluded.bytes <= ${bytes}
        and ${tx.unsafe(today)} <= ${uploads}
      returning bytes`;
    if (rows.length > 0 && Number(rows[0]?.bytes) <= bytes) return;
    // Refused: tell which limit, from the row as the refusal found it.
    const [used] = await tx<UsageRow[]>`
      select bytes, day::text as day, day_uploads from attachment_usage
      where organization_id = ${org}`;
    this.refuseIfOver(used, size, planBytes);
    throw this.bytesExceeded(planBytes);
  }

  private refuseIfOver(used: UsageRow | undefined, size: number, planBytes: number | null): void {
    const { uploadsPerDay } = this.limits;
    const bytes = lowerLimit(this.limits.bytes, planBytes);
    if (bytes !== null && Number(used?.bytes ?? 0) + size > bytes) {
      throw this.bytesExceeded(planBytes);
    }
    const today = used?.day === utcDay(this.now()) ? used.day_uploads : 0;
    if (uploadsPerDay > 0 && today + 1 > uploadsPerDay) {
      throw uploadsExceeded(uploadsPerDay, this.now());
    }
  }

  /**
   * The install's own limit is 413 `attachment_quota` as before; the plan's, when it is the
   * lower one, is the plan's answer: 402 `plan_limit_reached`.
   */
  private bytesExceeded(planBytes: number | null): ApiError {
    const install = this.limits.bytes;
    if (planBytes !== null && (install <= 0 || planBytes < install)) {
      return planLimitReached(
        'attachmentBytes',
        planBytes,
        `Your plan allows ${planBytes} bytes of attachments: delete some first`,
      );
    }
    return bytesExceeded(install);
  }
}

const bytesExceeded = (quota: number) =>
  new ApiError(
    413,
    'attachment_quota',
    `The organization keeps ${quota} bytes of attachments at most: delete some first`,
  );

function uploadsExceeded(limit: number, now: Date): ApiError {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return new ApiError(
    429,
    'attachment_daily_limit',
    `The organization may upload ${limit} attachments a day: try again after midnight UTC`,
    undefined,
    { 'retry-after': String(Math.max(1, Math.ceil((midnight - now.getTime()) / 1000))) },
  );
}

import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { ReportDate } from './report.ts';

// Usage metering: each tenant's figures per UTC day (`GET /v1/operator/usage`, and the operator's
// `usage.daily` webhook for a billing system). Kept by a rollup off the message path.

const count = (description: string) => T.Integer({ minimum: 0, description });

/** What is metered, per tenant and day; the totals add days up (see `UsageTotals`). */
const figures = {
  messages: count('Messages and notes created that day'),
  activeVisitors: count('Distinct visitors who sent a message or opened a conversation that day'),
  agentSeats: count('Active agents (frozen when the day closes)'),
  storageBytes: count('Attachment bytes kept (frozen when the day closes)'),
  webhookDeliveries: count("Successful deliveries of the tenant's webhooks that day"),
};

export const UsageDay = T.Object({
  organizationId: Id,
  day: { ...ReportDate, description: 'The UTC day, `YYYY-MM-DD`' },
  ...figures,
  computedAt: Timestamp,
  closedAt: Nullable(Timestamp, {
    description: 'When the figures became final; null while the day is still counted',
  }),
});
export type UsageDay = Static<typeof UsageDay>;

export const UsageTotals = T.Object({
  organizationId: Id,
  name: T.String({ description: "The tenant's name now" }),
  messages: count('Sum over the days'),
  activeVisitors: count(
    'Sum of the daily figures (visitor-days): a visitor active on 3 days counts 3',
  ),
  agentSeats: count('The highest daily figure'),
  storageBytes: count('The highest daily figure'),
  webhookDeliveries: count('Sum over the days'),
  days: count('Days with figures in the range'),
});
export type UsageTotals = Static<typeof UsageTotals>;

export const UsageReport = T.Object({
  from: ReportDate,
  to: ReportDate,
  days: T.Array(UsageDay, { description: 'By day, then tenant' }),
  tenants: T.Array(UsageTotals, { description: 'Each tenant with figures in the range, by name' }),
});
export type UsageReport = Static<typeof UsageReport>;

/** The per-tenant figures of a closed day, as `usage.daily` carries them. */
export const UsageDailyData = T.Object({
  organizationId: Id,
  day: { ...ReportDate, description: 'The UTC day, `YYYY-MM-DD`' },
  ...figures,
  closedAt: Timestamp,
});
export type UsageDailyData = Static<typeof UsageDailyData>;

/**
 * The body of a `usage.daily` delivery to `FLC_USAGE_WEBHOOK_URL`, signed with
 * `FLC_USAGE_WEBHOOK_SECRET` as tenant webhooks are (`X-FLC-Signature`, `X-FLC-Timestamp`).
 * Exactly one event per tenant and closed day; a retried delivery repeats its `id`.
 */
export const UsageDailyEvent = T.Object({
  id: { ...Id, description: 'The same on every attempt: receivers drop repeats by it' },
  type: T.Literal('usage.daily'),
  createdAt: Timestamp,
  data: UsageDailyData,
});
export type UsageDailyEvent = Static<typeof UsageDailyEvent>;

-- Usage metering writes a tenant-day only when one of its figures changed, so a row's
-- `computed_at` is when its figures last changed. The stamp of the last round that computed each
-- day lives here, one row per day: the API reports the later of the two as `computedAt`.
create table usage_rounds (
  day date primary key,
  computed_at timestamptz not null default now()
);
-- Delivered reports are pruned by age (FLC_USAGE_REPORT_RETENTION).
create index usage_reports_delivered_idx on usage_reports (delivered_at)
  where status = 'delivered';

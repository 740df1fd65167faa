-- Uploads each organization made on its last day of uploading (UTC), for its daily limit: counted
-- in the statement that raises its bytes, so the limit holds across API processes. A new day
-- starts the count again; no row per day is kept.
alter table attachment_usage
  add column day date,
  add column day_uploads integer not null default 0 check (day_uploads >= 0);

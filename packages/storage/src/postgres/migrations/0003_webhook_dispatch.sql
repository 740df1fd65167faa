-- Webhook dispatch. `webhook_deliveries` is the outbox: the change that makes an event writes
-- its deliveries (one per subscribed webhook) in the same transaction, and dispatchers lease
-- them from here (FOR UPDATE SKIP LOCKED), so an event is neither lost nor sent by two at once.

alter table webhook_deliveries
  -- What the event is about (a conversation or a contact): one webhook gets one subject's
  -- events in queue order, each once the one before it is delivered or given up.
  add column subject_id uuid,
  -- When the change happened: `createdAt` in the body.
  add column occurred_at timestamptz not null default now(),
  -- Queue order: the order deliveries were recorded in.
  add column ordinal bigint generated always as identity,
  -- The dispatcher attempting it, until when: a lease that runs out (its dispatcher died
  -- mid-flight) makes the delivery claimable again.
  add column lease_owner text,
  add column lease_expires_at timestamptz;

alter table webhook_deliveries alter column next_attempt_at set default now();

-- Due deliveries, oldest first.
create index webhook_deliveries_due_idx
  on webhook_deliveries (next_attempt_at, ordinal) where status = 'pending';
-- "Is an earlier delivery of this webhook and subject still unsettled?"
create index webhook_deliveries_subject_idx
  on webhook_deliveries (webhook_id, subject_id, ordinal) where status = 'pending';
-- Webhooks subscribed to an environment's events, as every recorded change looks them up.
create index webhooks_subscribed_idx on webhooks (environment_id) where enabled;

-- A UUID derived from another and a salt: the version-7 timestamp of `base`, the rest from a
-- hash. Gives a message's event, and an event's delivery to one webhook, a stable id, so
-- recording either twice is a no-op, and they still sort by time.
create function flc_derived_uuid(base uuid, salt text) returns uuid
language sql immutable parallel safe as $$
  select (substr(base::text, 1, 15) || substr(h, 1, 3) || '-8' || substr(h, 4, 3) || '-'
          || substr(h, 7, 12))::uuid
  from (select md5(base::text || ':' || salt) as h) as hashed
$$;

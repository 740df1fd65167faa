-- Plans: what a tenant may have and send. A plan's `limits` and `features` are JSON objects
-- shaped by @flc/protocol's PlanLimits and PlanFeatures (validated where they enter: the
-- operator API and FLC_PLANS_FILE); a limit that is absent or null is not limited by the plan
-- (the install's own FLC_* limits still hold). Plans from FLC_PLANS_FILE are written at start-up
-- with source 'config' and are read-only through the API.
create table plans (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name text not null check (length(name) between 1 and 100),
  limits jsonb not null default '{}' check (jsonb_typeof(limits) = 'object'
    and octet_length(limits::text) <= 4096),
  features jsonb not null default '{}' check (jsonb_typeof(features) = 'object'
    and octet_length(features::text) <= 4096),
  source text not null default 'api' check (source in ('api', 'config')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A tenant's plan (null: FLC_DEFAULT_PLAN, else unlimited) and its own overrides of the plan's
-- limits and features (same shapes; a key present here wins, null included = unlimited).
alter table organizations add column plan_id text references plans (id) on delete restrict;
alter table organizations add column plan_overrides jsonb not null default '{}'
  check (jsonb_typeof(plan_overrides) = 'object' and octet_length(plan_overrides::text) <= 8192);
create index organizations_plan_idx on organizations (plan_id) where plan_id is not null;

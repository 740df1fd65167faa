-- Platform operators: a role above organizations, created by `bun run operator:create` (or
-- FLC_OPERATOR_EMAIL at start-up), never by sign-up. The password is hashed as agents' are
-- (argon2id); the TOTP secret is sealed by the API as agents' are (AES-GCM under a key derived
-- from the JWT secret). Access tokens issued before `sessions_revoked_at` are refused (a reset).
create table operators (
  id uuid primary key,
  email text not null unique check (length(email) <= 254),
  password_hash text not null,
  totp_secret_ciphertext text,
  -- Null while an enrolment waits for its first code (or without two-factor).
  totp_enabled_at timestamptz,
  -- The TOTP step of the last code accepted: a code works once.
  totp_last_time_step bigint,
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  sessions_revoked_at timestamptz
);

-- A suspended tenant keeps every byte of its data; its tokens, keys and widget are refused.
alter table organizations add column suspended_at timestamptz;
alter table organizations add column suspended_reason text check (length(suspended_reason) <= 500);

-- The operators' own log: every operator action, platform-wide. No foreign keys: it outlives
-- the tenants it names (a deletion is recorded here, while the tenant's own log goes with it).
-- A tenant also sees a suspension or resumption in its own audit log, by the `system` actor
-- labelled "Platform operator": which operator did it stays here.
create table operator_events (
  id uuid primary key,
  occurred_at timestamptz not null default clock_timestamp(),
  operator_id uuid,
  operator_email text not null check (length(operator_email) <= 254),
  action text not null check (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' and length(action) <= 100),
  organization_id uuid,
  ip text check (length(ip) <= 64),
  user_agent text check (length(user_agent) <= 200),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'
    and octet_length(details::text) <= 4096)
);
create index operator_events_time_idx on operator_events (occurred_at desc, id desc);

-- Who may sign up publicly: one row, absent until an operator sets it (absent = open).
create table signup_policy (
  singleton boolean primary key default true check (singleton),
  mode text not null check (mode in ('open', 'invite_only', 'closed')),
  allowed_domains text[] not null default '{}',
  updated_at timestamptz not null default now()
);

-- Active visitors now, per organization: each realtime process reports its visitor sockets.
alter table process_reports add column visitors jsonb not null default '{}';

-- Organizations (tenants), their agents and everything agents configure.
create table organizations (
  id uuid primary key,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table agents (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  email text not null,
  name text not null,
  role text not null check (role in ('owner', 'admin', 'agent')),
  status text not null check (status in ('invited', 'active', 'disabled')),
  password_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One account per email across the platform: login is by email alone.
create unique index agents_email_key on agents (lower(email));
create index agents_organization_idx on agents (organization_id, id);

-- Refresh tokens rotate inside a family; reusing a spent token revokes the family.
create table refresh_token_families (
  id uuid primary key,
  agent_id uuid not null references agents (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text
);
create index refresh_token_families_agent_idx on refresh_token_families (agent_id);

create table refresh_tokens (
  id uuid primary key,
  family_id uuid not null references refresh_token_families (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

create table invitations (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  invited_by uuid references agents (id) on delete set null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz
);
create index invitations_agent_idx on invitations (agent_id);

create table environments (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  name text not null,
  plugin_key text not null unique,
  identity_secret text not null,
  allowed_origins text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index environments_organization_idx on environments (organization_id, id);

create table api_keys (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  environment_id uuid not null references environments (id) on delete cascade,
  name text not null,
  key text not null unique,
  secret_hash text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_environment_idx on api_keys (environment_id, id);

create table webhooks (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  environment_id uuid not null references environments (id) on delete cascade,
  url text not null,
  events text[] not null,
  -- Kept in clear: signing needs it, and it is shown to the tenant once, at creation.
  signing_secret text not null,
  enabled boolean not null default true,
  consecutive_failures integer not null default 0,
  disabled_at timestamptz,
  disabled_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhooks_environment_idx on webhooks (environment_id, id);

create table webhook_deliveries (
  id uuid primary key,
  webhook_id uuid not null references webhooks (id) on delete cascade,
  event_id uuid not null,
  event_type text not null,
  payload jsonb not null,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  last_error text,
  last_status_code integer,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (webhook_id, event_id)
);
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, id desc);

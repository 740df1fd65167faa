-- Password reset links: only the SHA-256 of each token is kept; a token works once, until it
-- expires, for an agent that is still active.
create table password_resets (
  id uuid primary key,
  agent_id uuid not null references agents (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_agent_idx on password_resets (agent_id);

-- Access tokens issued before this instant are refused (set when the password is reset), so a
-- stolen session ends with the reset and not when its access token expires.
alter table agents add column sessions_revoked_at timestamptz;

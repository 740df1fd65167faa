-- Two-factor sign-in (TOTP) for agents. The secret is encrypted by the API (AES-GCM, a key
-- derived from the platform's JWT secret) and never leaves it after enrolment; `enabled_at` is
-- null while an enrolment waits for its first code. `last_time_step` is the TOTP step of the last
-- code accepted: a code of that step or an earlier one is refused, so a code works once.
create table agent_two_factor (
  agent_id uuid primary key references agents (id) on delete cascade,
  secret_ciphertext text not null,
  enabled_at timestamptz,
  last_time_step bigint,
  created_at timestamptz not null default now()
);

-- Single-use recovery codes, stored as SHA-256 (they are random and high-entropy).
create table agent_recovery_codes (
  agent_id uuid not null references agent_two_factor (agent_id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (agent_id, code_hash)
);

-- Owners can require every agent of the organization to sign in with a second factor.
alter table organizations add column require_two_factor boolean not null default false;

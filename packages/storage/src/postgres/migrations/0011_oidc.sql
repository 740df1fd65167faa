-- Sign-in with OpenID Connect: one connection per organization, the state of sign-ins under
-- way, and the one-time codes that hand a finished sign-in to the console.
create table oidc_connections (
  organization_id uuid primary key references organizations (id) on delete cascade,
  -- What agents type at "Sign in with SSO"; unique across the platform.
  slug text not null,
  issuer text not null,
  client_id text not null,
  -- AES-GCM under a key derived from the JWT secret, bound to the organization's id.
  client_secret_sealed text not null,
  -- Lower-case; empty allows any domain for existing agents.
  allowed_domains text[] not null default '{}',
  enabled boolean not null default true,
  -- Agents other than owners can then sign in only through the connection.
  enforce_sso boolean not null default false,
  -- Unknown users with an allowed domain become agents; off: only existing agents sign in.
  provision_agents boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index oidc_connections_slug_key on oidc_connections (lower(slug));

-- A sign-in sent to the identity provider; spent (deleted) by its callback.
create table oidc_login_states (
  state_hash text primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  -- Hash of the cookie given to the browser that started the sign-in.
  browser_hash text not null,
  nonce text not null,
  code_verifier text not null,
  redirect_uri text not null,
  expires_at timestamptz not null
);
create index oidc_login_states_expires_idx on oidc_login_states (expires_at);

-- A finished sign-in waiting for the console to exchange it for a session, once.
create table oidc_handoffs (
  code_hash text primary key,
  agent_id uuid not null references agents (id) on delete cascade,
  expires_at timestamptz not null
);
create index oidc_handoffs_expires_idx on oidc_handoffs (expires_at);

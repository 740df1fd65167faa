-- Canned responses: saved replies agents insert in the composer by typing `/shortcut`.
-- Organization-wide ones (agent_id null) are seen by every agent of the organization; personal
-- ones by their agent alone, and go with it. The author is kept by kind, id and name at the time
-- (not a foreign key: an API key or an agent may be gone while its responses stay).
create table canned_responses (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  agent_id uuid references agents (id) on delete cascade,
  shortcut text not null check (shortcut ~ '^[A-Za-z0-9_-]{1,32}$'),
  title text not null check (length(title) between 1 and 120),
  body text not null check (length(body) between 1 and 4000),
  author_kind text not null check (author_kind in ('agent', 'api_key')),
  author_id uuid not null,
  author_name text not null check (length(author_name) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A shortcut names one response whatever its case: once among the organization-wide ones, once
-- among each agent's personal ones (a personal one may share an organization-wide shortcut).
create unique index canned_responses_organization_shortcut_key
  on canned_responses (organization_id, lower(shortcut)) where agent_id is null;
create unique index canned_responses_agent_shortcut_key
  on canned_responses (agent_id, lower(shortcut)) where agent_id is not null;
-- Lists go by shortcut, byte by byte (the same order on every server, whatever its locale).
create index canned_responses_organization_idx
  on canned_responses (organization_id, (lower(shortcut) collate "C"), id);

-- The pre-chat form an environment's widget shows before a visitor's first message, and whether
-- the widget asks for a satisfaction rating when a conversation closes.
create table pre_chat_forms (
  environment_id uuid primary key references environments (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  enabled boolean not null default false,
  intro text not null default '' check (char_length(intro) <= 500),
  -- [{key, label, type, required, options?}], validated by the API (at most 10).
  fields jsonb not null default '[]'::jsonb check (jsonb_typeof(fields) = 'array'),
  csat_enabled boolean not null default false,
  updated_at timestamptz not null default now()
);

-- One rating per conversation, by its visitor, changeable for a while after it is first given.
-- The agent assigned when it closed is kept for reports, whatever happens to the assignment.
create table conversation_ratings (
  conversation_id uuid primary key references conversations (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  environment_id uuid not null references environments (id) on delete cascade,
  score smallint not null check (score between 1 and 5),
  comment text check (comment is null or char_length(comment) <= 1000),
  assignee_id uuid references agents (id) on delete set null,
  first_rated_at timestamptz not null default now(),
  rated_at timestamptz not null default now()
);
create index conversation_ratings_report_idx
  on conversation_ratings (organization_id, rated_at);

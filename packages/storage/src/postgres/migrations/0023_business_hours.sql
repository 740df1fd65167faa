-- An environment's business hours: weekly intervals in an IANA time zone, holidays closed all
-- day, whether the widget hides while closed, an away message and a typical reply time. Shape
-- and order are checked by the API; the row holds them as put.
create table business_hours (
  environment_id uuid primary key references environments (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  enabled boolean not null default false,
  time_zone text not null check (char_length(time_zone) between 1 and 64),
  -- {"mon": [{"start": "09:00", "end": "12:00"}, …], …, "sun": []}
  weekly jsonb not null check (jsonb_typeof(weekly) = 'object'),
  -- ["2026-12-25", …]
  holidays jsonb not null default '[]'::jsonb check (jsonb_typeof(holidays) = 'array'),
  hide_outside_hours boolean not null default false,
  away_message text check (away_message is null or char_length(away_message) <= 1000),
  reply_time_minutes integer check (reply_time_minutes between 1 and 10080),
  updated_at timestamptz not null default now()
);

-- The away message a conversation got last, by the seq of the visitor's message it answered:
-- one per stretch of the team's silence, however many messages the visitor writes meanwhile.
create table away_replies (
  conversation_id uuid primary key references conversations (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  answered_seq integer not null,
  replied_at timestamptz not null default now()
);

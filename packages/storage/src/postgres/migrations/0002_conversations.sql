-- Contacts (end users), their conversations and the PostgreSQL message store. Every table
-- cascades from its organization and environment, so deleting a tenant deletes its chats.

-- Widget appearance, merged over the defaults at boot: color, position, greeting, launcherText.
alter table environments add column widget_settings jsonb not null default '{}';

create table contacts (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  environment_id uuid not null references environments (id) on delete cascade,
  -- The memberId of an identified visitor, or the tenant's own id for this person.
  external_id text,
  -- Anonymous visitors come back with their visitor token; only its hash is kept.
  visitor_token_hash text unique,
  name text,
  email text,
  attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_seen_at timestamptz,
  -- NULLs are distinct: any number of anonymous contacts per environment.
  unique (environment_id, external_id)
);
create index contacts_organization_idx on contacts (organization_id, id);

create table conversations (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  environment_id uuid not null references environments (id) on delete cascade,
  contact_id uuid not null references contacts (id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'snoozed', 'closed')),
  assignee_id uuid references agents (id) on delete set null,
  -- Read model of the inbox, kept by the append path: the newest message and its seq.
  last_seq integer not null default 0,
  last_message jsonb,
  last_activity_at timestamptz not null default now(),
  agent_read_seq integer not null default 0,
  visitor_read_seq integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The inbox: newest activity first, keyset-paginated on (last_activity_at, id).
create index conversations_inbox_idx
  on conversations (organization_id, last_activity_at desc, id desc);
create index conversations_contact_idx on conversations (contact_id);

create table messages (
  id uuid not null,
  -- Reads are scoped by it; the rows go with their conversation (cascade), so no key of its own.
  organization_id uuid not null,
  conversation_id uuid not null references conversations (id) on delete cascade,
  seq integer not null,
  sender_type text not null check (sender_type in ('visitor', 'agent', 'bot', 'system')),
  sender_id text not null,
  sender_name text,
  body text not null,
  cid text,
  created_at timestamptz not null,
  -- History pages are seq ranges of one conversation; the persister is idempotent on this key.
  primary key (conversation_id, seq)
);
create unique index messages_cid_key on messages (conversation_id, cid) where cid is not null;

-- Private notes and @mentions. A note is written by the team for the team: it takes its seq in
-- the conversation's one log, but no visitor ever receives it.

-- Every message stored before this is a 'message'. prev_seq: the seq of the newest earlier
-- message that is not a note, kept only when that is not seq - 1 (a note came between); a
-- visitor checks continuity with it. Both columns are added without rewriting the table, and
-- the check is not run over the old rows (they hold the default).
alter table messages add column kind text not null default 'message';
alter table messages add constraint messages_kind_check
  check (kind in ('message', 'note')) not valid;
alter table messages add column prev_seq integer;

-- The read model keeps the visitor's view: last_message and last_activity_at follow messages
-- only (a note moves last_seq and the team's read position, not what the widget or the inbox
-- shows as the last message). visitor_hidden_seqs: the notes after visitor_read_seq, which the
-- visitor's unread count skips; trimmed whenever the visitor's read position moves.
alter table conversations add column visitor_hidden_seqs integer[] not null default '{}';

-- Agents are mentioned by a handle, unique in their organization: made from the name when the
-- agent is created (lowercase, without spaces or ASCII punctuation, at most 40 characters,
-- `agent` when nothing is left; a number added when it is taken) and kept when the name
-- changes.
alter table agents add column handle text;

create function flc_next_handle(org uuid, name text) returns text language plpgsql as $$
declare
  base text := left(lower(regexp_replace(name, '[[:space:][:punct:]]+', '', 'g')), 40);
  candidate text;
  n integer := 1;
begin
  if base = '' then base := 'agent'; end if;
  candidate := base;
  while exists (select 1 from agents a
                where a.organization_id = org and lower(a.handle) = candidate) loop
    n := n + 1;
    candidate := base || n;
  end loop;
  return candidate;
end
$$;

do $$
declare
  r record;
begin
  for r in select id, organization_id, name from agents order by created_at, id loop
    update agents set handle = flc_next_handle(r.organization_id, r.name) where id = r.id;
  end loop;
end
$$;

alter table agents alter column handle set not null;
create unique index agents_handle_key on agents (organization_id, lower(handle));

-- New agents get theirs on insert, one at a time per organization (two agents of the same name
-- created at once would otherwise pick the same handle).
create function flc_agent_handle() returns trigger language plpgsql as $$
begin
  if new.handle is null then
    perform pg_advisory_xact_lock(hashtext('flc-handle:' || new.organization_id::text));
    new.handle := flc_next_handle(new.organization_id, new.name);
  end if;
  return new;
end
$$;
create trigger agents_handle before insert on agents
  for each row execute function flc_agent_handle();

-- One row per agent mentioned in a note. The note itself lives in the message store (which may
-- be MongoDB), so it is named by id and seq, and its text is kept here for the list of mentions.
create table mentions (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  conversation_id uuid not null references conversations (id) on delete cascade,
  -- The mentioned agent.
  agent_id uuid not null references agents (id) on delete cascade,
  message_id uuid not null,
  seq integer not null,
  author_type text not null check (author_type in ('agent', 'bot')),
  author_id text not null,
  author_name text,
  body text not null,
  created_at timestamptz not null,
  read_at timestamptz,
  -- Recording a note again (a retried send) makes no second mention.
  unique (message_id, agent_id)
);
-- "Mentions for me", newest first, keyset-paginated on the id (UUIDv7, made as the note was
-- recorded); and the unread count.
create index mentions_agent_idx on mentions (agent_id, id desc);
create index mentions_unread_idx on mentions (agent_id) where read_at is null;
create index mentions_conversation_idx on mentions (conversation_id);

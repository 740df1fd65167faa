-- Edited and deleted messages. A message keeps its seq; each change takes the conversation's
-- next `rev` (a second counter, of changes), so a client that resumes asks for the changes after
-- the last rev it saw. A deleted message keeps its place with an empty body (the search trigger
-- drops its words).
alter table messages
  add column rev integer not null default 0,
  add column edited_at timestamptz,
  add column deleted_at timestamptz;
create index messages_changes_idx on messages (conversation_id, rev) where rev > 0;

alter table conversations add column rev integer not null default 0;

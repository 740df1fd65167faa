-- Files and images visitors and agents attach to a conversation. The bytes live in a blob store
-- (files under the data directory, or an S3 bucket) under `<organization_id>/<id>`; a row here is
-- what the platform knows of them, its type and size read from the bytes, never from the name.
create table attachments (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  -- Null once its conversation is deleted: the erasure then deletes the bytes and the row
  -- (a cascade would lose the keys of the bytes).
  conversation_id uuid references conversations (id) on delete set null,
  uploader_type text not null check (uploader_type in ('agent', 'visitor', 'bot')),
  uploader_id text not null,
  file_name text not null check (char_length(file_name) between 1 and 255),
  content_type text not null,
  size integer not null check (size > 0),
  width integer check (width > 0),
  height integer check (height > 0),
  -- The message it went out with, once sent (null while only uploaded).
  message_seq integer,
  created_at timestamptz not null default now()
);
create index attachments_conversation_idx on attachments (conversation_id, created_at);
create index attachments_organization_idx on attachments (organization_id, created_at);
create index attachments_orphans_idx on attachments (organization_id) where conversation_id is null;

-- Bytes each organization keeps, for its storage limit: raised and checked in one statement, so
-- two uploads on two API processes cannot both pass a limit only one fits under.
create table attachment_usage (
  organization_id uuid primary key references organizations (id) on delete cascade,
  bytes bigint not null default 0 check (bytes >= 0)
);

-- What a message carries, as sent: each attachment's id, name, type, size, image size and the
-- link signed when it was sent (readers get fresh links).
alter table messages add column attachments jsonb;

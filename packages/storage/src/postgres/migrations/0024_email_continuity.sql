-- Email continuity: an agent's reply its visitor has not seen is mailed to the contact after a
-- short delay (the replies of that delay in one mail), and the visitor's answer by mail comes
-- back into the conversation. One row per conversation that was ever due a mail.
create table conversation_mail (
  conversation_id uuid primary key references conversations (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  -- When the waiting replies are mailed; null while nothing waits.
  due_at timestamptz,
  -- The newest reply (seq) waiting to be mailed, and the newest one a mail already carried.
  pending_seq integer not null default 0,
  mailed_seq integer not null default 0,
  -- A sender holds a due row until then while it mails; another process takes it over after.
  claimed_until timestamptz,
  mails_sent integer not null default 0,
  -- Sends that failed in a row (the SMTP server refused or was away); given up after a few.
  failures integer not null default 0,
  -- The Message-ID of the first mail and of the newest, so mail clients thread the next one.
  first_message_id text,
  last_message_id text,
  -- The visitor asked for no more mail about this conversation (List-Unsubscribe).
  unsubscribed_at timestamptz,
  updated_at timestamptz not null default now()
);
-- The senders' round: the due rows, soonest first.
create index conversation_mail_due_idx on conversation_mail (due_at) where due_at is not null;

-- Transcripts: when a conversation is closed and its contact has an email (not unsubscribed, the
-- environment's email continuity on), the conversation is mailed to the contact once per close,
-- with "How did we do?" rating links. One row per close, made in the close's transaction.
create table conversation_transcripts (
  conversation_id uuid not null references conversations (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  -- The conversation's status_seq as it was closed: the transcript holds the messages up to it,
  -- and a second close with nothing new in between is the same transcript (no second row).
  close_seq integer not null,
  -- When a sender takes it next; null once sent or given up.
  due_at timestamptz,
  -- A sender holds the row until then while it mails; another process takes it over after.
  claimed_until timestamptz,
  -- Rounds that found the messages not yet stored (a Redis persister behind) or the send failed.
  attempts integer not null default 0,
  -- Sent, or found with nothing to send (no email any more, unsubscribed, switched off), or given up.
  done_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (conversation_id, close_seq)
);
-- The senders' round: the due rows, soonest first.
create index conversation_transcripts_due_idx on conversation_transcripts (due_at)
  where due_at is not null;

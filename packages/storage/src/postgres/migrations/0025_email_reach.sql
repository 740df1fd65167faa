-- Email reach: what email continuity left to do.

-- How a message reached its conversation when not through a socket or REST: `email` for a
-- visitor's reply by mail. Null for every other message (and every message stored before).
alter table messages add column via text check (via in ('email'));

-- The visitor's language as its widget last said (one of the widget's catalogs): the language of
-- the mails it gets. Null: never said; mails are in English.
alter table contacts add column locale text check (locale in ('en', 'ko'));

-- Email continuity per environment: on by default (as before this column); off, no reply mail
-- is scheduled or sent and the widget asks nobody for an email.
alter table environments
  add column email_continuity boolean not null default true,
  add column email_continuity_updated_at timestamptz;

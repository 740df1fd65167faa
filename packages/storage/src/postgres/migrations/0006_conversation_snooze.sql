-- Snoozed until a time: once it has passed, the snooze waker opens the conversation again (see
-- PostgresConversationStore.wakeSnoozed). Null while not snoozed, or snoozed until the visitor
-- writes. It means something only with status 'snoozed': any status change clears it, also the
-- message path's reopen, which does not know of it (the trigger below).
alter table conversations add column snoozed_until timestamptz;

create function flc_clear_snoozed_until() returns trigger language plpgsql as $$
begin
  new.snoozed_until := null;
  return new;
end
$$;
-- Fires only on the rows it changes: the message path's updates pay for the condition alone.
create trigger conversations_clear_snoozed_until
  before update on conversations
  for each row when (new.status <> 'snoozed' and new.snoozed_until is not null)
  execute function flc_clear_snoozed_until();

alter table conversations add constraint conversations_snoozed_until_check
  check (snoozed_until is null or status = 'snoozed');

-- The waker's scan: the snoozed conversations whose time has come, soonest first.
create index conversations_snoozed_until_idx
  on conversations (snoozed_until) where status = 'snoozed';

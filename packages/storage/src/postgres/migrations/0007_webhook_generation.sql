-- A counter every change to the webhooks table moves, in the change's own transaction. The
-- scaled profile's webhook fan-out keeps the set of organizations with a webhook subscribed to
-- `message.created` in memory and reads only this row per batch: while it stands still, the
-- set is exact, and a batch of organizations without such a webhook costs no other query.
create table webhook_generation (
  id boolean primary key default true check (id),
  generation bigint not null default 0
);
insert into webhook_generation default values;

create function flc_bump_webhook_generation() returns trigger language plpgsql as $$
begin
  update webhook_generation set generation = generation + 1;
  return null;
end
$$;
-- Only what can change who subscribes moves it: not the dispatcher's frequent failure counts.
create trigger webhooks_generation_on_insert_delete
  after insert or delete on webhooks
  for each statement execute function flc_bump_webhook_generation();
create trigger webhooks_generation_on_update
  after update on webhooks
  for each row when (old.enabled is distinct from new.enabled
    or old.events is distinct from new.events
    or old.environment_id is distinct from new.environment_id
    or old.organization_id is distinct from new.organization_id)
  execute function flc_bump_webhook_generation();
create trigger webhooks_generation_on_truncate
  after truncate on webhooks
  for each statement execute function flc_bump_webhook_generation();

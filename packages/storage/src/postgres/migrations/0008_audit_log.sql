-- The audit log: who did what to the organization's security, appended in the transaction of
-- the action itself. Rows are never changed or removed, except with their organization: the
-- foreign key cascades, and the guard below lets a delete through only once the organization
-- row is gone (a cascade runs after it), so erasing a tenant erases its log and nothing else can.
-- Actor and target ids are not foreign keys: the log outlives removed agents, keys and webhooks.
create table audit_events (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  occurred_at timestamptz not null default clock_timestamp(),
  actor_kind text not null check (actor_kind in ('agent', 'api_key', 'system', 'anonymous')),
  actor_id uuid,
  -- The actor's name as it was then: the log stays readable after a rename or a removal.
  actor_label text not null check (length(actor_label) <= 200),
  action text not null check (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' and length(action) <= 100),
  target_type text check (length(target_type) <= 50),
  target_id uuid,
  ip text check (length(ip) <= 64),
  user_agent text check (length(user_agent) <= 200),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'
    and octet_length(details::text) <= 4096)
);
create index audit_events_organization_time_idx
  on audit_events (organization_id, occurred_at desc, id desc);

create function flc_audit_events_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if not exists (select 1 from organizations where id = old.organization_id) then
      return old;
    end if;
  end if;
  raise exception 'audit_events is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_events_append_only
  before update or delete on audit_events
  for each row execute function flc_audit_events_append_only();
create trigger audit_events_no_truncate
  before truncate on audit_events
  for each statement execute function flc_audit_events_append_only();

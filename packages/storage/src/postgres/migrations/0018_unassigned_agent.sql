-- The agent last unassigned from a conversation by hand: automatic rounds do not give it back
-- to them. Cleared when anyone is assigned to it.
alter table conversations add column unassigned_agent_id uuid references agents (id) on delete set null;

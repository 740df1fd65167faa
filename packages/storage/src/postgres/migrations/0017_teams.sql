-- Teams of agents and automatic assignment. A conversation belongs to a team and/or an agent;
-- an environment's policy says whether new conversations are assigned by hand, in turn
-- (round-robin) or to the least busy online member of its team, within each agent's capacity.
create table teams (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 60 and name = btrim(name)),
  created_at timestamptz not null default now(),
  unique (organization_id, id)
);
-- One name per organization, whatever its case.
create unique index teams_organization_name_key on teams (organization_id, lower(name));

create table team_members (
  team_id uuid not null references teams (id) on delete cascade,
  agent_id uuid not null references agents (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (team_id, agent_id)
);
create index team_members_agent_idx on team_members (agent_id);

-- Most conversations not closed an agent is given automatically; null: no limit.
alter table agents add column capacity integer check (capacity is null or capacity >= 0);
-- When the agent was last given a conversation automatically: least-busy ties go to the one
-- who waited longest.
alter table agents add column last_assigned_at timestamptz;

create table assignment_policies (
  environment_id uuid primary key references environments (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  mode text not null default 'manual' check (mode in ('manual', 'round_robin', 'least_busy')),
  -- Deleting the team turns the policy back to assigning by hand.
  team_id uuid references teams (id) on delete set null,
  -- Round-robin: the agent given the previous conversation; the next goes to the one after.
  cursor_agent_id uuid references agents (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- Removing a team unassigns its conversations' team, not their agent.
alter table conversations add column team_id uuid references teams (id) on delete set null;
create index conversations_team_idx on conversations (team_id) where team_id is not null;
-- The waiting line: open, nobody assigned, oldest first.
create index conversations_waiting_idx on conversations (organization_id, created_at, id)
  where status = 'open' and assignee_id is null;
-- An agent's load: what is assigned to them and not closed.
create index conversations_assignee_idx on conversations (assignee_id)
  where assignee_id is not null and status <> 'closed';

-- Reports (first response, resolution, volume) are SQL over the conversations alone, since the
-- messages may live in MongoDB: the message path records the first agent reply on the row, and
-- closing records when. Times are UTC (timestamptz); day and hour buckets take a time zone.

-- The first reply of an agent (not a note, a bot, or the platform's auto-reply), and who wrote
-- it. No foreign key: the row keeps the figure when the agent is removed, and the report joins
-- the agents it still finds.
alter table conversations add column first_reply_at timestamptz;
alter table conversations add column first_reply_agent_id uuid;
-- When the conversation was closed, while it stays closed (a reopen clears it, a close after
-- it sets it again): resolution time is `closed_at - created_at`.
alter table conversations add column closed_at timestamptz;

-- What the messages already recorded here say (the embedded profile and PostgreSQL message
-- stores; a MongoDB store's conversations start counting from now).
update conversations c set first_reply_at = f.created_at, first_reply_agent_id = f.agent_id
from (
  select distinct on (m.conversation_id) m.conversation_id, m.created_at,
    case when m.sender_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         then m.sender_id::uuid end as agent_id
  from messages m
  where m.sender_type = 'agent' and m.kind = 'message'
  order by m.conversation_id, m.created_at, m.seq
) f
where f.conversation_id = c.id;
-- The time of a close before this column is not known; the row's last change is the nearest.
update conversations set closed_at = updated_at where status = 'closed';

-- Range scans of one organization's year: opened (and first replies) by created_at, closed by
-- closed_at. They carry the columns the reports read, so a year's scan reads the index alone
-- (where the visibility map allows) and not the rows it points to.
create index conversations_created_report_idx on conversations (organization_id, created_at)
  include (environment_id, first_reply_at, first_reply_agent_id, team_id);
create index conversations_closed_report_idx on conversations (organization_id, closed_at)
  include (environment_id, created_at, assignee_id, team_id)
  where closed_at is not null;

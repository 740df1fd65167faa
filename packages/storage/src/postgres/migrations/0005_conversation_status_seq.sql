-- Where in the conversation its status was last set: the bus's head when an agent or a key
-- changed it, or the seq of the visitor's message that reopened it. A visitor's message numbered
-- after it reopens a closed or snoozed conversation; one numbered before it does not, however
-- late a persister records it (several persisters record out of order, behind the bus).
alter table conversations add column status_seq integer not null default 0;
-- Conversations closed or snoozed before this column: as of their newest recorded message.
update conversations set status_seq = last_seq where status <> 'open';

-- Email reach: what email continuity left to do.

-- How a message reached its conversation when not through a socket or REST: `email` for a
-- visitor's reply by mail. Null for every other message (and every message stored before).
alter table messages add column via text check (via in ('email'));

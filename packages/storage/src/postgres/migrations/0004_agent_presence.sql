-- An agent can choose to appear away; kept across sessions until they come back.
alter table agents add column away boolean not null default false;

-- What each process of the install says of itself every few seconds (the System page).
create table process_reports (
  id text primary key,
  role text not null,
  version text not null,
  host text not null,
  pid integer not null,
  started_at timestamptz not null,
  reported_at timestamptz not null,
  stats jsonb not null,
  problems jsonb not null
);
create index process_reports_reported_at on process_reports (reported_at);

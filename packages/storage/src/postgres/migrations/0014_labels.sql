-- Labels: an organization's own tags, put on conversations and on contacts. A label belongs to
-- its organization; deleting it removes it from every conversation and contact (cascade).
create table labels (
  id uuid primary key,
  organization_id uuid not null references organizations (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 40 and name = btrim(name)),
  -- `#rrggbb`, lower case; the console picks black or white text for contrast on it.
  color text not null check (color ~ '^#[0-9a-f]{6}$'),
  description text check (char_length(description) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The join tables' key: a label is attached only within its own organization.
  unique (organization_id, id)
);
-- One name per organization, whatever its case: "VIP" and "vip" are the same label.
create unique index labels_organization_name_key on labels (organization_id, lower(name));

-- The join tables carry the organization so that the foreign key to (organization_id, id) of
-- labels refuses a label of another organization, whatever the statement that writes them.
create table conversation_labels (
  conversation_id uuid not null references conversations (id) on delete cascade,
  label_id uuid not null,
  organization_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, label_id),
  foreign key (organization_id, label_id) references labels (organization_id, id)
    on delete cascade
);
-- The inbox filtered by a label, and the cascade when a label goes.
create index conversation_labels_label_idx on conversation_labels (label_id, conversation_id);

create table contact_labels (
  contact_id uuid not null references contacts (id) on delete cascade,
  label_id uuid not null,
  organization_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (contact_id, label_id),
  foreign key (organization_id, label_id) references labels (organization_id, id)
    on delete cascade
);
create index contact_labels_label_idx on contact_labels (label_id, contact_id);

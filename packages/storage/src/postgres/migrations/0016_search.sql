-- Search over the organization's messages (full text), contacts and conversations.

-- The organization's search language, as agents pick it, and the text search configuration it
-- maps to: a language PostgreSQL has no stemmer for (korean, japanese, chinese, ...) is indexed
-- with 'simple' (lowercased words, no stemming, no stop words). The API keeps both in step.
alter table organizations add column search_language text not null default 'simple';
alter table organizations add column search_config regconfig not null default 'simple';

-- Each message's words, kept by the trigger below in the configuration of its organization:
-- on insert, and whenever its body changes (an edited message is found by its new text only, a
-- deleted one, whose body is emptied, by nothing). A language change re-indexes the
-- organization's rows in batches (the API's job), setting this column directly.
alter table messages add column search_vector tsvector;

create function flc_message_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector := to_tsvector(
    coalesce((select o.search_config from organizations o where o.id = new.organization_id),
             'simple'::regconfig),
    new.body);
  return new;
end
$$;
create trigger messages_search_vector before insert or update of body on messages
  for each row execute function flc_message_search_vector();

update messages set search_vector = to_tsvector(
  coalesce((select o.search_config from organizations o where o.id = messages.organization_id),
           'simple'::regconfig),
  body);

create index messages_search_idx on messages using gin (search_vector);
-- A search ranks the newest matches of a word (500): for a word in most messages, walking the
-- organization's messages newest first finds them sooner than the GIN index would.
create index messages_organization_created_idx on messages (organization_id, created_at desc);

-- The widget speaks eight languages (ja, zh-Hans, es, fr, de and ar join en and ko): contacts may
-- keep any of them for their mails.
alter table contacts drop constraint contacts_locale_check;
alter table contacts add constraint contacts_locale_check
  check (locale in ('en', 'ko', 'ja', 'zh-Hans', 'es', 'fr', 'de', 'ar'));

-- The language an environment's widget speaks: 'auto' (each visitor's browser chooses among the
-- widget's languages, English when none fits) or one language for every visitor.
alter table environments add column widget_language text not null default 'auto'
  check (widget_language in ('auto', 'en', 'ko', 'ja', 'zh-Hans', 'es', 'fr', 'de', 'ar'));

-- FAQ and manual (FAQ・マニュアル, A10 and B7): tenant-wide knowledge every signed-in user reads
-- during calls; administrators and supervisors write it. Every version is kept.

-- The form text is searched in: NFKC (full-width letters and digits to half-width, half-width
-- katakana to full-width), lower case, katakana folded to hiragana, so パスワード, ぱすわーど,
-- ﾊﾟｽﾜｰﾄﾞ and ＰＡＳＳ all meet. Queries go through the same function, so both sides agree.
create function faq_fold(value text) returns text
  language sql immutable strict parallel safe
  as $$
    select translate(
      lower(normalize(value, nfkc)),
      'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ',
      'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ'
    )
  $$;

-- A `like` pattern matching `term` anywhere in folded text, its wildcards taken literally.
create function faq_contains_pattern(term text) returns text
  language sql immutable strict parallel safe
  as $$ select '%' || replace(replace(replace(faq_fold(term), '\', '\\'), '%', '\%'), '_', '\_') || '%' $$;

-- Tags as one string. array_to_string is only stable because of arbitrary element types; for
-- text[] it is deterministic, which the generated column below needs.
create function faq_tags_text(tags text[]) returns text
  language sql immutable strict parallel safe
  as $$ select array_to_string(tags, ' ') $$;

create table faq_categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name_ja text not null check (char_length(name_ja) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  sort_order integer not null default 0,
  unique (tenant_id, name_ja)
);

create table faq_articles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  category_id uuid not null references faq_categories (id),
  title_ja text not null check (char_length(title_ja) between 1 and 200),
  -- Markdown; rendered and sanitised by the service when an article is opened.
  body_ja text not null check (char_length(body_ja) between 1 and 50000),
  title_en text not null default '' check (char_length(title_en) <= 200),
  body_en text not null default '' check (char_length(body_en) <= 50000),
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  -- Optimistic concurrency: every change adds one and is kept in faq_article_versions.
  version integer not null default 1 check (version > 0),
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  -- Withdrawn articles are kept (their history is evidence) but not offered to agents.
  archived boolean not null default false,
  -- Both languages and the tags, folded. Japanese has no spaces between words, so search is by
  -- substring, which trigram indexes serve for terms of three characters or more.
  search_text text generated always as (
    faq_fold(title_ja || E'\n' || title_en || E'\n' || faq_tags_text(tags) || E'\n' || body_ja || E'\n' || body_en)
  ) stored
);
create index faq_articles_by_category on faq_articles (tenant_id, category_id, updated_at desc) where not archived;
create index faq_articles_search_trgm on faq_articles using gin (search_text gin_trgm_ops);

-- Every version of every article, written in the same transaction as the change: who, when,
-- which fields changed, and the full text as it then was.
create table faq_article_versions (
  article_id uuid not null references faq_articles (id),
  tenant_id uuid not null references tenants (id),
  version integer not null check (version > 0),
  category_id uuid not null references faq_categories (id),
  title_ja text not null,
  body_ja text not null,
  title_en text not null,
  body_en text not null,
  tags text[] not null,
  archived boolean not null,
  changed_by uuid references users (id),
  changed_at timestamptz not null,
  -- Names of the fields that differ from the previous version (every field on creation).
  changed_fields text[] not null,
  -- The editor's own note, if any.
  change_summary text not null default '' check (char_length(change_summary) <= 500),
  primary key (article_id, version)
);

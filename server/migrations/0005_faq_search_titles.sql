-- FAQ ranking (A10): folded titles and tags stored beside search_text, so ranking a search
-- reads them instead of folding every matching row again (normalize() dominated the time of
-- a broad search over 10,000 articles).

alter table faq_articles
  add column search_title_ja text generated always as (faq_fold(title_ja)) stored,
  add column search_title_en text generated always as (faq_fold(title_en)) stored,
  add column search_tags text generated always as (faq_fold(faq_tags_text(tags))) stored;

-- FAQ excerpts (A10): folded bodies stored, so cutting the excerpt of each hit finds the query
-- in them instead of folding every hit's whole body on every keystroke (bench:data: the
-- excerpt was 80% of a search over 10,000 articles).

alter table faq_articles
  add column search_body_ja text generated always as (faq_fold(body_ja)) stored,
  add column search_body_en text generated always as (faq_fold(body_en)) stored;

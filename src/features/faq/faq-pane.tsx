import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FaqSearchHit } from '../../contract/faq';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useFaq } from '../../stores/faq-store-context';
import { FaqArticlePanel } from './faq-article-panel';
import { faqErrorMessage } from './faq-error-message';
import { highlightSegments } from './highlight';

/** The id another feature's shortcut focuses ("focus search"). */
export const faqSearchInputId = 'faq-search-input';

/**
 * FAQ and manual search beside the call (FAQ・マニュアル).
 *
 * @remarks
 * The search box is an ARIA combobox over the result listbox: results come as the agent
 * types (Japanese or English), ↑ ↓ choose a result while the caret stays in the box, Enter
 * opens it beside the list and moves focus to the article, Esc goes back to the box. With an
 * empty box the list shows the articles by category, most recently updated first.
 */
export function FaqPane() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const start = useFaq((state) => state.start);
  const dispose = useFaq((state) => state.dispose);
  const query = useFaq((state) => state.query);
  const setQuery = useFaq((state) => state.setQuery);
  const categoryId = useFaq((state) => state.categoryId);
  const setCategory = useFaq((state) => state.setCategory);
  const categories = useFaq((state) => state.categories);
  const categoriesError = useFaq((state) => state.categoriesError);
  const results = useFaq((state) => state.results);
  const resultsFor = useFaq((state) => state.resultsFor);
  const hasMore = useFaq((state) => state.hasMore);
  const searching = useFaq((state) => state.searching);
  const searchError = useFaq((state) => state.searchError);
  const retry = useFaq((state) => state.retry);
  const article = useFaq((state) => state.article);
  const openArticle = useFaq((state) => state.openArticle);
  const closeArticle = useFaq((state) => state.closeArticle);

  const baseId = useId();
  const listboxId = `${baseId}-results`;
  const hintId = `${baseId}-hint`;
  const categoryFieldId = `${baseId}-category`;
  const titleId = `${baseId}-title`;
  const optionId = (index: number) => `${baseId}-result-${index}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState<{ readonly results: readonly FaqSearchHit[]; readonly index: number }>({ results, index: -1 });
  /** Focus goes to the article once it is open, when the agent opened it from the keyboard. */
  const [focusArticle, setFocusArticle] = useState(false);

  // A new result list starts without an active option.
  const activeIndex = active.results === results ? active.index : -1;
  const setActiveIndex = (index: number) => setActive({ results, index });

  useEffect(() => {
    start(locale);
    return () => dispose();
  }, [start, dispose, locale]);

  useEffect(() => {
    if (activeIndex < 0) return;
    const option = document.getElementById(optionId(activeIndex));
    // jsdom has no layout, hence no scrollIntoView.
    if (option && 'scrollIntoView' in option) option.scrollIntoView({ block: 'nearest' });
  });

  const open = (hit: FaqSearchHit, fromKeyboard: boolean) => {
    setFocusArticle(fromKeyboard);
    openArticle(hit.id);
  };

  const returnToSearch = () => {
    setFocusArticle(false);
    inputRef.current?.focus();
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        if (results.length === 0) return;
        event.preventDefault();
        setActiveIndex(Math.min(activeIndex + 1, results.length - 1));
        return;
      case 'ArrowUp':
        if (results.length === 0) return;
        event.preventDefault();
        setActiveIndex(Math.max(activeIndex - 1, -1));
        return;
      case 'Enter': {
        const hit = results[activeIndex];
        if (!hit) return;
        event.preventDefault();
        open(hit, true);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (activeIndex >= 0) setActiveIndex(-1);
        else if (article.status !== 'closed') closeArticle();
        else setQuery('');
        return;
      default:
        return;
    }
  };

  const categoryName = (id: string) => {
    const category = categories.find((candidate) => candidate.id === id);
    return category === undefined ? '' : locale === 'en' ? category.name_en : category.name_ja;
  };

  const shownQuery = resultsFor?.query ?? '';
  const status = searchError
    ? undefined
    : searching && resultsFor === undefined
      ? t('faq.results.searching')
      : resultsFor === undefined
        ? ''
        : results.length === 0
          ? shownQuery === ''
            ? t('faq.results.emptyCategory')
            : t('faq.results.empty', { query: shownQuery })
          : shownQuery === ''
            ? `${t('faq.results.browse')} · ${t('faq.results.count', { count: results.length })}`
            : t('faq.results.count', { count: results.length });

  const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500';

  return (
    <section data-testid="faq-pane" aria-labelledby={titleId} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t('faq.title')}
      </h2>

      <div className="flex flex-col gap-1">
        <label htmlFor={faqSearchInputId} className="text-sm font-medium text-slate-700">
          {t('faq.search.label')}
        </label>
        <input
          ref={inputRef}
          id={faqSearchInputId}
          data-testid="faq-search"
          type="search"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={results.length > 0}
          aria-controls={listboxId}
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={hintId}
          placeholder={t('faq.search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKeyDown}
          className={`rounded-lg border border-slate-300 px-3 py-2 text-sm ${focusRing}`}
        />
        <p id={hintId} className="text-xs text-slate-500">
          {t('faq.search.hint')}
        </p>
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={categoryFieldId} className="text-sm font-medium text-slate-700">
          {t('faq.category.label')}
        </label>
        <select
          id={categoryFieldId}
          data-testid="faq-category"
          value={categoryId ?? ''}
          onChange={(event) => setCategory(event.target.value === '' ? undefined : event.target.value)}
          className={`rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm ${focusRing}`}
        >
          <option value="">{t('faq.category.all')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {t('faq.category.option', { name: locale === 'en' ? category.name_en : category.name_ja, count: category.articleCount })}
            </option>
          ))}
        </select>
        {categoriesError && (
          <p role="alert" className="text-xs text-rose-700">
            {t('faq.error.categories')} {faqErrorMessage(categoriesError, t)}
          </p>
        )}
      </div>

      <p aria-live="polite" data-testid="faq-status" className="min-h-5 text-xs text-slate-600">
        {status}
      </p>
      {searchError && (
        <div role="alert" data-testid="faq-error" className="flex items-start justify-between gap-2 rounded-lg bg-rose-50 p-3 text-sm text-rose-800">
          <span>
            {t('faq.error.search')} {faqErrorMessage(searchError, t)}
          </span>
          <button type="button" onClick={retry} className={`shrink-0 rounded-md px-2 py-1 font-medium ring-1 ring-rose-300 hover:bg-rose-100 ${focusRing}`}>
            {t('faq.retry')}
          </button>
        </div>
      )}

      <ul id={listboxId} role="listbox" aria-label={t('faq.results.label')} aria-busy={searching} className="flex max-h-80 flex-col gap-1 overflow-y-auto">
        {results.map((hit, index) => {
          const selected = index === activeIndex;
          const opened = article.status !== 'closed' && article.id === hit.id;
          return (
            <li
              key={hit.id}
              id={optionId(index)}
              role="option"
              aria-selected={selected}
              data-testid="faq-result"
              data-open={opened || undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setActiveIndex(index);
                open(hit, false);
              }}
              className={`cursor-pointer rounded-lg px-3 py-2 text-sm ring-1 ${selected ? 'bg-indigo-50 ring-2 ring-indigo-500' : opened ? 'bg-slate-50 ring-slate-300' : 'ring-transparent hover:bg-slate-50'}`}
            >
              <span className="block font-medium text-slate-900">
                <Highlighted text={hit.title} query={shownQuery} />
              </span>
              {hit.excerpt !== '' && (
                <span className="mt-0.5 block text-xs text-slate-600">
                  <Highlighted text={hit.excerpt} query={shownQuery} />
                </span>
              )}
              <span className="mt-1 flex flex-wrap gap-2 text-xs text-slate-600">
                <span>{categoryName(hit.categoryId)}</span>
                {hit.language !== locale && <span className="rounded bg-amber-100 px-1 text-amber-900">{t('faq.hit.japaneseOnly')}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {hasMore && results.length > 0 && <p className="text-xs text-slate-600">{t('faq.results.more')}</p>}

      <FaqArticlePanel
        view={article}
        categoryName={categoryName}
        focusWhenOpen={focusArticle}
        onFocused={() => setFocusArticle(false)}
        onClose={() => {
          closeArticle();
          returnToSearch();
        }}
        onEscape={returnToSearch}
      />
    </section>
  );
}

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightSegments(text, query).map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 text-inherit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

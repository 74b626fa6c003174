import { useEffect, useId, useMemo, useRef } from 'react';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import type { FaqArticleView } from '../../stores/faq-store';
import { faqErrorMessage } from './faq-error-message';
import { formatJapanTime } from './japan-time';
import { safeArticleHtml } from './safe-article-html';

interface FaqArticlePanelProps {
  readonly view: FaqArticleView;
  readonly categoryName: (categoryId: string) => string;
  /** Move focus into the article once it is open (it was opened from the keyboard). */
  readonly focusWhenOpen: boolean;
  readonly onFocused: () => void;
  readonly onClose: () => void;
  /** Esc inside the article: back to the search box. */
  readonly onEscape: () => void;
}

/**
 * The chosen article beside the results: title, category, last update in Japan time, tags
 * and the body as the service rendered it (sanitised once more here), in the UI language
 * when the article has it, else in Japanese.
 */
export function FaqArticlePanel({ view, categoryName, focusWhenOpen, onFocused, onClose, onEscape }: FaqArticlePanelProps) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const titleId = useId();
  const containerRef = useRef<HTMLElement>(null);
  const detail = view.status === 'open' ? view.article : undefined;
  const english = locale === 'en' && detail !== undefined && detail.title_en !== '';
  const html = detail === undefined ? '' : english && detail.renderedHtml_en !== '' ? detail.renderedHtml_en : detail.renderedHtml_ja;
  const safeHtml = useMemo(() => (html === '' ? '' : safeArticleHtml(html)), [html]);

  useEffect(() => {
    if (view.status !== 'open' || !focusWhenOpen) return;
    containerRef.current?.focus();
    onFocused();
  }, [view, focusWhenOpen, onFocused]);

  if (view.status === 'closed') return null;

  return (
    <article
      ref={containerRef}
      tabIndex={-1}
      data-testid="faq-article"
      aria-labelledby={detail ? titleId : undefined}
      aria-label={detail ? undefined : t('faq.article.label')}
      aria-busy={view.status === 'loading'}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onEscape();
      }}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-slate-50 p-4 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      {view.status === 'loading' && <p className="text-sm text-slate-600">{t('faq.article.loading')}</p>}
      {view.status === 'failed' && (
        <p role="alert" className="text-sm text-rose-800">
          {t('faq.error.article')} {faqErrorMessage(view.error, t)}
        </p>
      )}
      {detail && (
        <>
          <h3 id={titleId} data-testid="faq-article-title" className="text-base font-semibold text-slate-900">
            {english ? detail.title_en : detail.title_ja}
          </h3>
          <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
            <span data-testid="faq-article-category">{categoryName(detail.categoryId)}</span>
            <span data-testid="faq-article-updated">{t('faq.article.updated', { date: formatJapanTime(detail.updatedAt, locale) })}</span>
          </p>
          {detail.tags.length > 0 && (
            <ul aria-label={t('faq.article.tags')} className="flex flex-wrap gap-1">
              {detail.tags.map((tag) => (
                <li key={tag} className="rounded bg-white px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          {locale === 'en' && !english && <p className="text-xs text-amber-900">{t('faq.article.japaneseOnly')}</p>}
          {safeHtml === '' ? (
            <p className="text-sm text-slate-600">{t('faq.article.emptyBody')}</p>
          ) : (
            <div
              data-testid="faq-article-body"
              lang={english ? 'en' : 'ja'}
              className="faq-article-body text-sm leading-relaxed text-slate-800 [&_a]:text-indigo-700 [&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1 [&_ul]:list-disc"
              // Sanitised by the service and again by safeArticleHtml (DOMPurify allow-list).
              dangerouslySetInnerHTML={{ __html: safeHtml }}
            />
          )}
        </>
      )}
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-slate-500">{t('faq.article.backHint')}</span>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {t('faq.article.close')}
        </button>
      </div>
    </article>
  );
}

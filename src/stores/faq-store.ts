import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import { FaqApi } from '../api/faq-api';
import { faqLimits, type FaqArticleDetail, type FaqCategoryDto, type FaqLanguage, type FaqSearchHit } from '../contract/faq';
import { lookupErrorOf, type LookupError } from './lookup-error';

/**
 * The article open beside the results.
 * @remarks `closed` → `loading` → `open` | `failed`; opening another article or closing
 * always wins over an answer still on its way.
 */
export type FaqArticleView =
  | { readonly status: 'closed' }
  | { readonly status: 'loading'; readonly id: string }
  | { readonly status: 'open'; readonly id: string; readonly article: FaqArticleDetail }
  | { readonly status: 'failed'; readonly id: string; readonly error: LookupError };

/** What a result list answers: the words and category it was searched for. */
export interface FaqSearchKey {
  readonly query: string;
  readonly categoryId: string | undefined;
  readonly language: FaqLanguage;
}

/** State of the FAQ panel beside the call. */
export interface FaqStoreState {
  /** Language of the hits' titles and excerpts, and preferred in ranking (the UI language). */
  readonly language: FaqLanguage;
  /** The search box as typed. */
  readonly query: string;
  /** The category filter; `undefined`: every category. */
  readonly categoryId: string | undefined;
  /** Categories in display order, with their article counts. */
  readonly categories: readonly FaqCategoryDto[];
  readonly categoriesError: LookupError | undefined;
  /** The hits of the latest search that answered (kept while the next one runs). */
  readonly results: readonly FaqSearchHit[];
  /** More articles match than were returned: the agent should type more. */
  readonly hasMore: boolean;
  /** What {@link results} answer; `undefined` before the first answer. */
  readonly resultsFor: FaqSearchKey | undefined;
  /** A search is waiting for the agent to stop typing or for the service's answer. */
  readonly searching: boolean;
  /** Why the latest search failed; cleared by the next answer. */
  readonly searchError: LookupError | undefined;
  readonly article: FaqArticleView;
}

/** Commands of the FAQ store; outcomes arrive as state. */
export interface FaqStoreActions {
  /**
   * Loads the categories and searches for what the box holds, in `language` (the UI language:
   * the hits' titles and excerpts come in it); call again when the language changes.
   */
  start: (language: FaqLanguage) => void;
  /** The search box changed: searches once the agent pauses (debounced), cancelling older searches. */
  setQuery: (query: string) => void;
  /** Narrows (or widens, `undefined`) to one category and searches at once. */
  setCategory: (categoryId: string | undefined) => void;
  /** Searches again now (after an error). */
  retry: () => void;
  /** Opens an article beside the results. */
  openArticle: (id: string) => void;
  closeArticle: () => void;
  /** Cancels timers and requests (the panel is gone). */
  dispose: () => void;
}

/** The FAQ store. */
export type FaqStore = StoreApi<FaqStoreState & FaqStoreActions>;

/** What the store needs; injected so tests use the mock service and a short pause. */
export interface FaqStoreDependencies {
  readonly client: ApiClient;
  /** Pause after the last keystroke before searching (default 250 ms). */
  readonly debounceMs?: number;
  /** Hits per search (default 20, at most 50). */
  readonly limit?: number;
}

const defaultDebounceMs = 250;
const defaultLimit = 20;

/**
 * Creates the store of the FAQ panel (FAQ・マニュアル検索).
 *
 * @remarks
 * Results come as the agent types, in Japanese or English: each keystroke restarts a short
 * pause, then one search goes out and the one before it is cancelled. Answers are numbered,
 * so an answer that arrives after a newer search started is dropped and never replaces newer
 * results. With an empty box the list shows the articles by category, newest first, as the
 * service lists them.
 */
export function createFaqStore(dependencies: FaqStoreDependencies): FaqStore {
  const api = new FaqApi(dependencies.client);
  const debounceMs = dependencies.debounceMs ?? defaultDebounceMs;
  const limit = Math.min(dependencies.limit ?? defaultLimit, faqLimits.searchLimit);
  let pending: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  /** Bumped by every search, so a late answer of an older one is ignored. */
  let searchNumber = 0;
  /** Bumped by every open or close of an article. */
  let articleNumber = 0;

  return createStore<FaqStoreState & FaqStoreActions>()((set, get) => {
    const cancelPending = (): void => {
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
    };

    const search = async (): Promise<void> => {
      cancelPending();
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      searchNumber += 1;
      const mine = searchNumber;
      const { query, categoryId, language } = get();
      const key: FaqSearchKey = { query: query.trim().slice(0, faqLimits.searchQuery), categoryId, language };
      set({ searching: true });
      const result = await api.searchFaqArticles(
        { ...(key.query === '' ? {} : { q: key.query }), ...(categoryId === undefined ? {} : { categoryId }), lang: language, limit },
        { signal: controller.signal },
      );
      if (mine !== searchNumber) return;
      inFlight = undefined;
      if (result.ok) set({ results: result.value.items, hasMore: result.value.hasMore, resultsFor: key, searching: false, searchError: undefined });
      else set({ searching: false, searchError: lookupErrorOf(result.error) });
    };

    const searchSoon = (): void => {
      cancelPending();
      set({ searching: true });
      pending = setTimeout(() => void search(), debounceMs);
    };

    const loadCategories = async (): Promise<void> => {
      const result = await api.listFaqCategories();
      if (result.ok) set({ categories: result.value, categoriesError: undefined });
      else set({ categoriesError: lookupErrorOf(result.error) });
    };

    return {
      language: 'ja',
      query: '',
      categoryId: undefined,
      categories: [],
      categoriesError: undefined,
      results: [],
      hasMore: false,
      resultsFor: undefined,
      searching: false,
      searchError: undefined,
      article: { status: 'closed' },

      start(language) {
        set({ language });
        void loadCategories();
        void search();
      },

      setQuery(query) {
        if (query === get().query) return;
        set({ query });
        searchSoon();
      },

      setCategory(categoryId) {
        if (categoryId === get().categoryId) return;
        set({ categoryId });
        void search();
      },

      retry() {
        if (get().categoriesError !== undefined) void loadCategories();
        void search();
      },

      openArticle(id) {
        articleNumber += 1;
        const mine = articleNumber;
        set({ article: { status: 'loading', id } });
        void api.getFaqArticle(id).then((result) => {
          if (mine !== articleNumber) return;
          set({ article: result.ok ? { status: 'open', id, article: result.value } : { status: 'failed', id, error: lookupErrorOf(result.error) } });
        });
      },

      closeArticle() {
        articleNumber += 1;
        set({ article: { status: 'closed' } });
      },

      dispose() {
        cancelPending();
        inFlight?.abort();
        inFlight = undefined;
        searchNumber += 1;
        articleNumber += 1;
        set({ searching: false });
      },
    };
  });
}

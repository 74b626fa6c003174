import { isValidPhoneNumber } from 'libphonenumber-js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiResult } from '../api/api-error';
import { CallRecordsApi, type CallRecordSearch } from '../api/call-records-api';
import { CustomersApi, type CustomerSearch } from '../api/customers-api';
import type { CallCode, CallRecordDto } from '../contract/call-records';
import type { CustomerDto } from '../contract/customers';
import { lookupErrorOf, type LookupError } from './lookup-error';

/**
 * Where a searchable list stands.
 * @remarks `idle` before the first search; `loading` for a new search (the previous items
 * stay until it answers); `loading-more` for the next page; `incomplete-number` when the box
 * holds part of a phone number, which the service could not match yet; `failed` with
 * {@link HistoryList.error}.
 */
export type HistoryListStatus = 'idle' | 'loading' | 'loading-more' | 'ready' | 'incomplete-number' | 'failed';

/** A searchable, paged list (my recent calls, customers). */
export interface HistoryList<T> {
  /** The search box as typed. */
  readonly query: string;
  readonly items: readonly T[];
  /** What {@link items} answer (trimmed); `undefined` before the first answer. */
  readonly itemsFor: string | undefined;
  /** The cursor of the next page; `null`: the last page is shown. */
  readonly nextCursor: string | null;
  readonly status: HistoryListStatus;
  readonly error: LookupError | undefined;
}

/** State of the history pane. */
export interface HistoryStoreState {
  /** The signed-in agent's own calls, newest first. */
  readonly calls: HistoryList<CallRecordDto>;
  /** Customers of the agent's groups, newest first. */
  readonly customers: HistoryList<CustomerDto>;
  /** Inquiry categories (問い合わせ分類), retired ones included, to name the calls' categories. */
  readonly categories: readonly CallCode[];
}

/** Commands of the history store; outcomes arrive as state. */
export interface HistoryStoreActions {
  /** Loads the first page of both lists and the categories. */
  start: () => void;
  /** The recent calls' search box changed (a number in any format, or words of the notes). */
  setCallQuery: (query: string) => void;
  /** The customer search box changed (name, フリガナ, notes or a whole phone number). */
  setCustomerQuery: (query: string) => void;
  /** Searches the recent calls again now, from the first page. */
  refreshCalls: () => void;
  /** Searches the customers again now, from the first page. */
  refreshCustomers: () => void;
  loadMoreCalls: () => void;
  loadMoreCustomers: () => void;
  /** A call of this agent ended: its record is refreshed into the list shortly after. */
  callEnded: () => void;
  /** Cancels timers; later answers are ignored. */
  dispose: () => void;
}

/** The history store. */
export type HistoryStore = StoreApi<HistoryStoreState & HistoryStoreActions>;

/** What the store needs; injected so tests use the mock service and short pauses. */
export interface HistoryStoreDependencies {
  readonly client: ApiClient;
  /** The signed-in agent's user id: agents see their own calls here. */
  readonly agentId: () => string | undefined;
  /** Pause after the last keystroke before searching (default 300 ms). */
  readonly debounceMs?: number;
  /** Rows per page (default 20). */
  readonly pageSize?: number;
  /** Wait after a call ends before refreshing, so its last event has reached the service (default 1500 ms). */
  readonly refreshAfterCallMs?: number;
}

const defaultDebounceMs = 300;
const defaultPageSize = 20;
const defaultRefreshAfterCallMs = 1500;
const maxQueryLength = 100;

/** Digits with the separators people type in numbers (half- or full-width), and at least two digits. */
const numberLike = /^[+＋]?[\d０-９\s\u3000()（）\-‐‑–—―−－ー]+$/u;

function looksLikeNumber(text: string): boolean {
  return numberLike.test(text) && (text.match(/[\d０-９]/gu)?.length ?? 0) >= 2;
}

/** The recent-calls search for what the agent typed: a number (any format, an extension) or words of the notes. */
export function callSearchOf(query: string): Pick<CallRecordSearch, 'number' | 'q'> {
  const text = query.trim();
  if (text === '') return {};
  return looksLikeNumber(text) ? { number: text } : { q: text.slice(0, maxQueryLength) };
}

/**
 * The customer search for what the agent typed: a whole phone number, or words of the name,
 * フリガナ or notes; `undefined` for part of a number (the service matches whole numbers only).
 */
export function customerSearchOf(query: string): Pick<CustomerSearch, 'phone' | 'q'> | undefined {
  const text = query.trim();
  if (text === '') return {};
  if (!looksLikeNumber(text)) return { q: text.slice(0, maxQueryLength) };
  const plain = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212\u30fc\uff0d]/gu, '-');
  return isValidPhoneNumber(plain, 'JP') ? { phone: plain } : undefined;
}

function emptyList<T>(): HistoryList<T> {
  return { query: '', items: [], itemsFor: undefined, nextCursor: null, status: 'idle', error: undefined };
}

/** A page of a list as the service answers it. */
type Page<T> = ApiResult<{ readonly items: readonly T[]; readonly nextCursor: string | null }>;

/**
 * Creates the store of the history pane: my recent calls (最近の通話) and customers (顧客).
 *
 * @remarks
 * Both lists are searched as the agent types (after a short pause) and paged with the
 * service's cursor. Searches are numbered: an answer that arrives after a newer search (or a
 * refresh) started is dropped, and "more" pages are dropped when the search changed
 * meanwhile. The recent calls are the agent's own (`agentId`), refreshed after each call ends.
 */
export function createHistoryStore(dependencies: HistoryStoreDependencies): HistoryStore {
  const records = new CallRecordsApi(dependencies.client);
  const customersApi = new CustomersApi(dependencies.client);
  const debounceMs = dependencies.debounceMs ?? defaultDebounceMs;
  const pageSize = dependencies.pageSize ?? defaultPageSize;
  const refreshAfterCallMs = dependencies.refreshAfterCallMs ?? defaultRefreshAfterCallMs;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  return createStore<HistoryStoreState & HistoryStoreActions>()((set, get) => {
    /**
     * One searchable list: `fetchPage` asks the service for a page of the search the query
     * stands for (`undefined`: the query cannot be searched yet).
     */
    function pagedList<T>(
      list: () => HistoryList<T>,
      write: (list: HistoryList<T>) => void,
      fetchPage: (query: string, cursor: string | undefined) => Promise<Page<T>> | undefined,
    ) {
      let pending: ReturnType<typeof setTimeout> | undefined;
      let searchNumber = 0;
      const update = (changes: Partial<HistoryList<T>>): void => write({ ...list(), ...changes });
      const cancelPending = (): void => {
        if (pending !== undefined) clearTimeout(pending);
        pending = undefined;
      };

      const search = async (): Promise<void> => {
        cancelPending();
        searchNumber += 1;
        const mine = searchNumber;
        const query = list().query.trim();
        const request = fetchPage(query, undefined);
        if (request === undefined) {
          update({ status: 'incomplete-number', error: undefined });
          return;
        }
        update({ status: 'loading', error: undefined });
        const result = await request;
        if (mine !== searchNumber) return;
        if (result.ok) update({ items: result.value.items, nextCursor: result.value.nextCursor, itemsFor: query, status: 'ready', error: undefined });
        else update({ status: 'failed', error: lookupErrorOf(result.error) });
      };

      return {
        search,
        setQuery(query: string): void {
          if (query === list().query) return;
          update({ query });
          cancelPending();
          pending = setTimeout(() => void search(), debounceMs);
        },
        async loadMore(): Promise<void> {
          const { nextCursor, itemsFor, status } = list();
          if (nextCursor === null || itemsFor === undefined || status !== 'ready') return;
          const mine = searchNumber;
          const request = fetchPage(itemsFor, nextCursor);
          if (request === undefined) return;
          update({ status: 'loading-more' });
          const result = await request;
          if (mine !== searchNumber) return;
          if (result.ok) update({ items: [...list().items, ...result.value.items], nextCursor: result.value.nextCursor, status: 'ready', error: undefined });
          else update({ status: 'failed', error: lookupErrorOf(result.error) });
        },
        dispose(): void {
          cancelPending();
          searchNumber += 1;
        },
      };
    }

    const calls = pagedList<CallRecordDto>(() => get().calls, (list) => set({ calls: list }), (query, cursor) => {
      const agentId = dependencies.agentId();
      return records.searchCallRecords({ ...callSearchOf(query), ...(agentId === undefined ? {} : { agentId }), ...(cursor === undefined ? {} : { cursor }), limit: pageSize });
    });
    const customers = pagedList<CustomerDto>(() => get().customers, (list) => set({ customers: list }), (query, cursor) => {
      const search = customerSearchOf(query);
      if (search === undefined) return undefined;
      return customersApi.searchCustomers({ ...search, ...(cursor === undefined ? {} : { cursor }), limit: pageSize });
    });

    const loadCategories = async (): Promise<void> => {
      const result = await records.listCallCategories();
      if (result.ok) set({ categories: result.value });
    };

    return {
      calls: emptyList<CallRecordDto>(),
      customers: emptyList<CustomerDto>(),
      categories: [],

      start() {
        void loadCategories();
        void calls.search();
        void customers.search();
      },
      setCallQuery: (query) => calls.setQuery(query),
      setCustomerQuery: (query) => customers.setQuery(query),
      refreshCalls: () => void calls.search(),
      refreshCustomers: () => void customers.search(),
      loadMoreCalls: () => void calls.loadMore(),
      loadMoreCustomers: () => void customers.loadMore(),

      callEnded() {
        if (refreshTimer !== undefined) clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => {
          refreshTimer = undefined;
          void calls.search();
        }, refreshAfterCallMs);
      },

      dispose() {
        if (refreshTimer !== undefined) clearTimeout(refreshTimer);
        refreshTimer = undefined;
        calls.dispose();
        customers.dispose();
      },
    };
  });
}

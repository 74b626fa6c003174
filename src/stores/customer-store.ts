import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError, FieldProblem } from '../api/api-error';
import { CallRecordsApi } from '../api/call-records-api';
import { CustomersApi } from '../api/customers-api';
import type { CallRecordDto } from '../contract/call-records';
import type { CustomerCreate, CustomerDetail } from '../contract/customers';
import type { DeskCall } from './desk-store';
import { lookupErrorOf, type LookupError } from './lookup-error';

/**
 * What the screen pop shows for the current call.
 * @remarks `idle` (no call) → `looking-up` → `found` (one customer) | `choosing` (several
 * customers have the number) | `new` (no match, or a withheld number: the new-customer form)
 * | `failed`. Choosing a candidate or creating a customer leads to `found`.
 */
export type ScreenPop =
  | { readonly status: 'idle' }
  | { readonly status: 'looking-up' }
  | { readonly status: 'found'; readonly customer: CustomerDetail }
  | { readonly status: 'choosing'; readonly candidates: readonly CustomerDetail[] }
  | { readonly status: 'new' }
  /** The other party is an extension (a colleague): no customer to pop, none to register. */
  | { readonly status: 'internal' }
  | { readonly status: 'failed'; readonly error: LookupError };

/** The shown customer's previous calls, newest first. */
export interface CustomerHistory {
  readonly status: 'idle' | 'loading' | 'loaded' | 'failed';
  readonly records: readonly CallRecordDto[];
  readonly error: LookupError | undefined;
}

/** A field of the new-customer form. */
export type CustomerFormField = 'name' | 'nameKana' | 'phone' | 'email' | 'address' | 'notes' | 'group';

/** Why the service refused a field of the form, as a kind the pane translates. */
export type CustomerFieldProblemKind = 'required' | 'too-long' | 'kana' | 'email' | 'phone-invalid' | 'phone-taken' | 'phone-twice' | 'group' | 'invalid';

/** A field the service refused (400, or 409 for a number another customer has). */
export interface CustomerFieldProblem {
  readonly field: CustomerFormField;
  readonly kind: CustomerFieldProblemKind;
  /** With `too-long`: the longest allowed. */
  readonly max?: number;
}

/** The new-customer form as the agent typed it (empty strings: left blank). */
export interface NewCustomerForm {
  readonly name: string;
  readonly nameKana: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly notes: string;
}

/** State of the customer pane. */
export interface CustomerStoreState {
  /** The call the pop is for. */
  readonly sipCallId: string | undefined;
  /** The caller's number as the call presented it; `null` when withheld (非通知). */
  readonly number: string | null;
  readonly pop: ScreenPop;
  readonly history: CustomerHistory;
  /** A new customer is being created. */
  readonly creating: boolean;
  readonly createProblems: readonly CustomerFieldProblem[];
  /** Why creating failed when it was not a field (network, service). */
  readonly createError: LookupError | undefined;
  /** Names of the customers the pane has seen, by id (for the call record's "linked customer"). */
  readonly names: Readonly<Record<string, string>>;
}

/** Commands of the customer store; outcomes arrive as state. */
export interface CustomerStoreActions {
  /** Follows the desk's call: a new call is looked up by its number as soon as it rings. */
  popFor: (call: Pick<DeskCall, 'sipCallId' | 'remoteNumber'> | undefined) => void;
  /** The agent picked one of several customers with the number. */
  choose: (customerId: string) => void;
  /** The agent wants to register a new customer instead of the candidates. */
  startNew: () => void;
  /** Registers the customer of the form; on success the pop shows (and the pane links) them. */
  create: (form: NewCustomerForm) => Promise<void>;
  /** Looks up again after a failure. */
  retry: () => void;
}

/** The customer store. */
export type CustomerStore = StoreApi<CustomerStoreState & CustomerStoreActions>;

/** What the store needs; injected so tests use the mock service. */
export interface CustomerStoreDependencies {
  readonly client: ApiClient;
  /** Previous calls shown with a customer (default 10). */
  readonly historyLimit?: number;
}

const defaultHistoryLimit = 10;
const emptyHistory: CustomerHistory = { status: 'idle', records: [], error: undefined };

/**
 * Creates the store of the customer pane: the screen pop (顧客情報) of the desk's call.
 *
 * @remarks
 * As soon as a call rings, the caller's number is looked up among the customers of the agent's
 * groups. One match shows the customer with their previous calls; several let the agent
 * choose; none (or a withheld number) offers a new-customer form prefilled with the number,
 * and the customer it creates is shown. The pane links the shown customer to the call's
 * record. Answers for an earlier call are ignored once another call is in front of the agent.
 */
export function createCustomerStore(dependencies: CustomerStoreDependencies): CustomerStore {
  const customers = new CustomersApi(dependencies.client);
  const records = new CallRecordsApi(dependencies.client);
  const historyLimit = dependencies.historyLimit ?? defaultHistoryLimit;
  /** Bumped for every call and every shown customer, so late answers are dropped. */
  let epoch = 0;

  return createStore<CustomerStoreState & CustomerStoreActions>()((set, get) => {
    const remember = (shown: readonly CustomerDetail[]): void => {
      set({ names: { ...get().names, ...Object.fromEntries(shown.map((customer) => [customer.id, customer.name])) } });
    };

    /** Shows one customer and loads their previous calls (the pop's last 5 until then). */
    const show = (customer: CustomerDetail): void => {
      epoch += 1;
      const mine = epoch;
      const sipCallId = get().sipCallId;
      const earlier = customer.recentCallRecords.filter((record) => record.sipCallId !== sipCallId);
      remember([customer]);
      set({ pop: { status: 'found', customer }, history: { status: 'loading', records: earlier, error: undefined } });
      void records.searchCallRecords({ customerId: customer.id, limit: historyLimit }).then((result) => {
        if (mine !== epoch) return;
        if (!result.ok) {
          set({ history: { status: 'failed', records: earlier, error: lookupErrorOf(result.error) } });
          return;
        }
        set({ history: { status: 'loaded', records: mergedHistory(earlier, result.value.items, sipCallId, historyLimit), error: undefined } });
      });
    };

    const lookUp = async (): Promise<void> => {
      epoch += 1;
      const mine = epoch;
      const number = get().number;
      if (number === null) {
        set({ pop: { status: 'new' }, history: emptyHistory });
        return;
      }
      set({ pop: { status: 'looking-up' }, history: emptyHistory });
      const result = await customers.lookupCustomers(number);
      if (mine !== epoch) return;
      if (!result.ok) {
        set({ pop: { status: 'failed', error: lookupErrorOf(result.error) } });
        return;
      }
      const found = result.value.items;
      const [only] = found;
      if (found.length === 1 && only) show(only);
      else if (found.length > 1) {
        remember(found);
        set({ pop: { status: 'choosing', candidates: found } });
      } else if (result.value.e164 === null) set({ pop: { status: 'internal' } });
      else set({ pop: { status: 'new' } });
    };

    return {
      sipCallId: undefined,
      number: null,
      pop: { status: 'idle' },
      history: emptyHistory,
      creating: false,
      createProblems: [],
      createError: undefined,
      names: {},

      popFor(call) {
        if (call?.sipCallId === get().sipCallId) return;
        epoch += 1;
        const reset = { creating: false, createProblems: [], createError: undefined, history: emptyHistory };
        if (!call) {
          set({ ...reset, sipCallId: undefined, number: null, pop: { status: 'idle' } });
          return;
        }
        set({ ...reset, sipCallId: call.sipCallId, number: withheld(call.remoteNumber) ? null : call.remoteNumber });
        void lookUp();
      },

      choose(customerId) {
        const pop = get().pop;
        const chosen = pop.status === 'choosing' ? pop.candidates.find((candidate) => candidate.id === customerId) : undefined;
        if (chosen) show(chosen);
      },

      startNew() {
        epoch += 1;
        set({ pop: { status: 'new' }, history: emptyHistory, createProblems: [], createError: undefined });
      },

      async create(form) {
        if (get().creating || get().sipCallId === undefined) return;
        const mine = epoch;
        set({ creating: true, createProblems: [], createError: undefined });
        const result = await customers.createCustomer(customerCreateOf(form));
        if (mine !== epoch) return;
        if (!result.ok) {
          const problems = fieldProblemsOf(result.error);
          set({ creating: false, createProblems: problems, createError: problems.length > 0 ? undefined : lookupErrorOf(result.error) });
          return;
        }
        set({ creating: false });
        show({ ...result.value, recentCallRecords: [] });
      },

      retry() {
        if (get().pop.status === 'failed') void lookUp();
      },
    };
  });
}

/** A number shown as withheld: none at all, or SIP's `anonymous` (非通知). */
function withheld(number: string | null): number is null {
  return number === null || number.trim() === '' || /^anonymous$/i.test(number.trim());
}

/** The form as the contract's create request: blanks left out. */
function customerCreateOf(form: NewCustomerForm): CustomerCreate {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const nameKana = optional(form.nameKana);
  const email = optional(form.email);
  const address = optional(form.address);
  const phone = optional(form.phone);
  return {
    name: form.name,
    ...(nameKana === undefined ? {} : { nameKana }),
    ...(email === undefined ? {} : { email }),
    ...(address === undefined ? {} : { address }),
    ...(form.notes.trim() === '' ? {} : { notes: form.notes }),
    phones: phone === undefined ? [] : [{ number: phone }],
  };
}

/** The pop's recent calls and the searched ones, without the current call, newest first. */
function mergedHistory(earlier: readonly CallRecordDto[], searched: readonly CallRecordDto[], sipCallId: string | undefined, limit: number): CallRecordDto[] {
  const byId = new Map<string, CallRecordDto>();
  for (const record of [...earlier, ...searched]) if (record.sipCallId !== sipCallId) byId.set(record.id, record);
  return [...byId.values()].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)).slice(0, limit);
}

/** The service's field problems (`body.phones.0.number`) on the form's fields, with a kind to translate. */
function fieldProblemsOf(error: ApiError): CustomerFieldProblem[] {
  if (error.kind !== 'http' || (error.status !== 400 && error.status !== 409)) return [];
  return (error.fields ?? []).flatMap((problem) => {
    const field = formFieldOf(problem.path);
    return field === undefined ? [] : [problemOf(field, problem)];
  });
}

function formFieldOf(path: string): CustomerFormField | undefined {
  const inBody = path.replace(/^body\./, '');
  if (/^phones(\.|$)/.test(inBody)) return 'phone';
  if (inBody === 'groupId') return 'group';
  const fields = ['name', 'nameKana', 'email', 'address', 'notes'] as const;
  return fields.find((field) => field === inBody);
}

/** Reads the service's English message into a kind; anything unforeseen is `invalid`. */
function problemOf(field: CustomerFormField, problem: FieldProblem): CustomerFieldProblem {
  const message = problem.message.toLowerCase();
  const tooLong = /at most (\d+)/.exec(message);
  if (field === 'group') return { field, kind: 'group' };
  if (message === 'required' || message.includes('too small') || message.includes('expected string')) return { field, kind: 'required' };
  if (tooLong?.[1] !== undefined) return { field, kind: 'too-long', max: Number(tooLong[1]) };
  if (field === 'nameKana' && message.includes('katakana')) return { field, kind: 'kana' };
  if (field === 'email') return { field, kind: 'email' };
  if (field === 'phone') {
    if (message.includes('already')) return { field, kind: 'phone-taken' };
    if (message.includes('twice')) return { field, kind: 'phone-twice' };
    return { field, kind: 'phone-invalid' };
  }
  return { field, kind: 'invalid' };
}

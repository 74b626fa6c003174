import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { ApiError, FieldProblem } from '../api/api-error';
import { backoffDelay, defaultBackoff, type Backoff } from '../api/backoff';
import { CallRecordsApi } from '../api/call-records-api';
import { type CallCode, type CallRecordDto, type CallRecordPatch } from '../contract/call-records';
import type { RequiredRecordField } from '../contract/desk-policy';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import type { DeskCall, WrapUpCheck } from './desk-store';
import { lookupErrorOf, type LookupError } from './lookup-error';

/** The agent's part of a call record (応対記録), as the form holds it. */
export interface RecordFields {
  /** Inquiry category (問い合わせ分類); `null`: none chosen. */
  readonly categoryId: string | null;
  readonly notes: string;
  /** Disposition (対応結果); `null`: none chosen. */
  readonly dispositionId: string | null;
  /** Follow-up day `YYYY-MM-DD` (Japan); `null`: no follow-up. */
  readonly followUpAt: string | null;
  /** The customer the call is about; `null`: none linked. */
  readonly customerId: string | null;
}

/** One of the agent's fields. */
export type RecordField = keyof RecordFields;

/**
 * Where a draft stands with the CTI service.
 * @remarks `editing`: changed, waiting for the agent to pause (or for the record to exist);
 * `saving`: a PATCH or reload is on its way; `saved`: the service has everything typed;
 * `unsent`: the service could not be reached (network, 5xx, expired session), kept locally and
 * retried with backoff; `error`: the service refused (400 fields, 403, 404) and retrying the
 * same values would not help.
 */
export type RecordSaveStatus = 'editing' | 'saving' | 'saved' | 'unsent' | 'error';

/** Why a draft is `unsent` or in `error`, as a value the panel translates. */
export type RecordSyncError = LookupError;

/** A field the service refused (400), for the message next to it. */
export interface RecordFieldProblem {
  readonly field: RecordField;
  /** The service's message (English, for logs); the panel shows its own text per field. */
  readonly message: string;
}

/** The agent's draft of one call's record, kept locally until the service has it. */
export interface RecordDraft {
  readonly sipCallId: string;
  /** The record's id once the service has it. */
  readonly callRecordId: string | undefined;
  /** What the form shows: the service's values with the agent's unsent changes on top. */
  readonly fields: RecordFields;
  /** Fields the agent changed that the service has not confirmed yet (they win over a reload). */
  readonly unsent: readonly RecordField[];
  /** The record's `version` as last loaded or saved; `undefined` before the first load. */
  readonly version: number | undefined;
  /** The customer's name as the service last told it (with `fields.customerId` then). */
  readonly customerName: string | null;
  /** The customer id the desk last reported for the call (screen pop or agent's choice). */
  readonly deskCustomerId: string | null;
  readonly status: RecordSaveStatus;
  /** When the service last confirmed a save (epoch ms). */
  readonly savedAt: number | undefined;
  readonly error: RecordSyncError | undefined;
  readonly problems: readonly RecordFieldProblem[];
  /** Last change of any kind (epoch ms), for pruning old drafts. */
  readonly touchedAt: number;
}

/** State of the call-record panel. */
export interface RecordStoreState {
  /** Drafts by SIP Call-ID. */
  readonly drafts: Readonly<Record<string, RecordDraft>>;
  /** Inquiry categories in display order, retired ones included (old records may use them). */
  readonly categories: readonly CallCode[];
  readonly dispositions: readonly CallCode[];
  /** Why the lists could not be loaded; they are tried again with backoff. */
  readonly codesError: LookupError | undefined;
}

/** Commands of the record store; outcomes arrive as state. */
export interface RecordStoreActions {
  /** Loads the categories and dispositions (again after a failure). */
  loadCodes: () => void;
  /**
   * Follows the desk's call: makes its draft, learns the record id (then loads the record and
   * sends what was typed) and the customer the screen pop linked.
   */
  track: (call: Pick<DeskCall, 'sipCallId' | 'callRecordId' | 'customerId'>) => void;
  /** The agent changed fields: kept locally at once, sent after a pause in typing. */
  edit: (sipCallId: string, changes: Partial<RecordFields>) => void;
  /** "保存": sends now (also retries an unsent or refused draft at once). */
  save: (sipCallId: string) => void;
  /** Sends every unsent draft now instead of at its next retry (the network came back). */
  retryNow: () => void;
  /** Cancels timers (the desktop is gone); drafts stay in storage. */
  dispose: () => void;
}

/** The record store. */
export type RecordStore = StoreApi<RecordStoreState & RecordStoreActions>;

/** The few `Storage` methods the store uses; `localStorage` in the browser. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the store needs; injected so tests use the mock service, fake storage and short delays. */
export interface RecordStoreDependencies {
  readonly client: ApiClient;
  /** Whose drafts these are: each user has their own entry in the storage. */
  readonly userId: string;
  /** Where drafts are kept; `localStorage` by default, `undefined` when there is none. */
  readonly storage?: DraftStorage | undefined;
  /** Pause after the last keystroke before sending (default 800 ms). */
  readonly debounceMs?: number;
  /** Retry pace after a network or service failure (1 s doubling to 30 s by default). */
  readonly backoff?: Backoff;
  /** Saved drafts are forgotten after this long without a change (default 1 hour). */
  readonly keepSavedMs?: number;
  /** Drafts that never reached the service are forgotten after this long (default 7 days). */
  readonly keepUnsentMs?: number;
  /** Where the browser's `online` event fires (`window` by default): unsent drafts go out at once. */
  readonly onlineEvents?: EventTarget | undefined;
  readonly now?: () => number;
  readonly random?: () => number;
}

const defaultDebounceMs = 800;
const defaultKeepSavedMs = 60 * 60_000;
const defaultKeepUnsentMs = 7 * 24 * 60 * 60_000;
/** After this many conflicts in a row the reload-and-reapply loop slows down to the backoff. */
const conflictsBeforeBackoff = 3;
const recordFields = ['categoryId', 'notes', 'dispositionId', 'followUpAt', 'customerId'] as const satisfies readonly RecordField[];

const emptyFields: RecordFields = { categoryId: null, notes: '', dispositionId: null, followUpAt: null, customerId: null };

/** The storage entry of a user's drafts. */
export function draftStorageKey(userId: string): string {
  return `tsunagu.call-record-drafts.${userId}`;
}

const storedDraftSchema = z.object({
  sipCallId: z.string(),
  callRecordId: z.string().optional(),
  fields: z.object({
    categoryId: z.string().nullable(),
    notes: z.string(),
    dispositionId: z.string().nullable(),
    followUpAt: z.string().nullable(),
    customerId: z.string().nullable(),
  }),
  unsent: z.array(z.enum(recordFields)),
  version: z.number().int().optional(),
  customerName: z.string().nullable(),
  deskCustomerId: z.string().nullable(),
  savedAt: z.number().optional(),
  touchedAt: z.number(),
});
const storedDraftsSchema = z.object({ drafts: z.array(storedDraftSchema) });

function browserStorage(): DraftStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage can be blocked (privacy settings): drafts then live only in the page.
    return undefined;
  }
}

/**
 * Creates the store of the call-record panel (応対記録).
 *
 * @remarks
 * What the agent types is never lost: every change is written to local storage at once (per
 * user), so a reload, a network failure or a restart of the CTI service keeps it. Once the
 * service has created the call's record (its id arrives with the desk's call), the store loads
 * it for its version and values, then sends the agent's changes with PATCH and
 * `expectedVersion`: after a pause in typing, or at once on "保存". A network failure or a 5xx
 * leaves the draft `unsent` and it is sent again with backoff until the service takes it;
 * sending the same values twice is harmless. On 409 (someone saved in between) the record is
 * reloaded and the agent's own unsent changes are applied on top again: the agent's draft wins
 * for the fields they changed, the service's values stand for the others. A 400 puts each
 * refused field next to the field. Drafts the service fully has are pruned after a while.
 */
export function createRecordStore(dependencies: RecordStoreDependencies): RecordStore {
  const api = new CallRecordsApi(dependencies.client);
  const storage = 'storage' in dependencies ? dependencies.storage : browserStorage();
  const storageKey = draftStorageKey(dependencies.userId);
  const debounceMs = dependencies.debounceMs ?? defaultDebounceMs;
  const backoff = dependencies.backoff ?? defaultBackoff;
  const keepSavedMs = dependencies.keepSavedMs ?? defaultKeepSavedMs;
  const keepUnsentMs = dependencies.keepUnsentMs ?? defaultKeepUnsentMs;
  const now = dependencies.now ?? Date.now;
  const random = dependencies.random ?? Math.random;

  /** One timer per draft: the typing pause or the next retry. */
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Drafts with a request on its way; a change meanwhile asks for another round. */
  const inFlight = new Set<string>();
  const again = new Set<string>();
  /** Failed attempts in a row per draft, for the backoff. */
  const failures = new Map<string, number>();
  const conflicts = new Map<string, number>();
  let codesTimer: ReturnType<typeof setTimeout> | undefined;
  let codesFailures = 0;
  let disposed = false;
  /** The desk's call the panel shows: its draft is never pruned. */
  let tracked: string | undefined;
  const onlineEvents = 'onlineEvents' in dependencies ? dependencies.onlineEvents : typeof window === 'undefined' ? undefined : window;
  const onOnline = (): void => store.getState().retryNow();

  const store = createStore<RecordStoreState & RecordStoreActions>()((set, get) => {
    const draftOf = (sipCallId: string): RecordDraft | undefined => get().drafts[sipCallId];

    const persist = (): void => {
      if (!storage) return;
      const drafts = Object.values(get().drafts).map((draft) => ({
        sipCallId: draft.sipCallId,
        ...(draft.callRecordId === undefined ? {} : { callRecordId: draft.callRecordId }),
        fields: draft.fields,
        unsent: [...draft.unsent],
        ...(draft.version === undefined ? {} : { version: draft.version }),
        customerName: draft.customerName,
        deskCustomerId: draft.deskCustomerId,
        ...(draft.savedAt === undefined ? {} : { savedAt: draft.savedAt }),
        touchedAt: draft.touchedAt,
      }));
      try {
        if (drafts.length === 0) storage.removeItem(storageKey);
        else storage.setItem(storageKey, JSON.stringify({ drafts }));
      } catch (error) {
        // A full or blocked storage must not stop the agent typing; the service still gets it.
        console.warn('Call-record drafts could not be kept in local storage', error);
      }
    };

    const update = (sipCallId: string, change: (draft: RecordDraft) => Partial<RecordDraft>): RecordDraft | undefined => {
      const draft = draftOf(sipCallId);
      if (!draft) return undefined;
      const next = { ...draft, ...change(draft) };
      set({ drafts: { ...get().drafts, [sipCallId]: next } });
      persist();
      return next;
    };

    const cancelTimer = (sipCallId: string): void => {
      const timer = timers.get(sipCallId);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(sipCallId);
    };

    const schedule = (sipCallId: string, delayMs: number): void => {
      cancelTimer(sipCallId);
      if (disposed) return;
      timers.set(
        sipCallId,
        setTimeout(() => {
          timers.delete(sipCallId);
          void sync(sipCallId);
        }, delayMs),
      );
    };

    /** A failure worth trying again later: the draft stays `unsent`. */
    const retryLater = (sipCallId: string, error: ApiError): void => {
      const attempt = (failures.get(sipCallId) ?? 0) + 1;
      failures.set(sipCallId, attempt);
      update(sipCallId, () => ({ status: 'unsent', error: lookupErrorOf(error) }));
      schedule(sipCallId, backoffDelay(backoff, attempt, random));
    };

    /** A refusal retrying would not change: shown until the agent changes something. */
    const refused = (sipCallId: string, error: ApiError): void => {
      failures.delete(sipCallId);
      const problems = error.kind === 'http' && error.status === 400 ? fieldProblemsOf(error.fields ?? []) : [];
      update(sipCallId, () => ({ status: 'error', error: lookupErrorOf(error), problems }));
    };

    /** Loads the record and lays the agent's unsent changes over the service's values. */
    const load = async (sipCallId: string, callRecordId: string): Promise<boolean> => {
      const result = await api.getCallRecord(callRecordId);
      if (!result.ok) {
        if (isTransient(result.error)) retryLater(sipCallId, result.error);
        else refused(sipCallId, result.error);
        return false;
      }
      update(sipCallId, (draft) => adoptRecord(draft, result.value));
      return true;
    };

    const sync = async (sipCallId: string): Promise<void> => {
      if (disposed) return;
      const draft = draftOf(sipCallId);
      if (!draft?.callRecordId) return;
      if (inFlight.has(sipCallId)) {
        again.add(sipCallId);
        return;
      }
      cancelTimer(sipCallId);
      inFlight.add(sipCallId);
      again.delete(sipCallId);
      try {
        await syncOnce(sipCallId, draft.callRecordId);
      } finally {
        inFlight.delete(sipCallId);
      }
      if (again.has(sipCallId) && !timers.has(sipCallId)) void sync(sipCallId);
    };

    const syncOnce = async (sipCallId: string, callRecordId: string): Promise<void> => {
      update(sipCallId, () => ({ status: 'saving' }));
      if (draftOf(sipCallId)?.version === undefined && !(await load(sipCallId, callRecordId))) return;
      const draft = draftOf(sipCallId);
      if (!draft || draft.version === undefined) return;
      if (draft.unsent.length === 0) {
        failures.delete(sipCallId);
        update(sipCallId, () => ({ status: 'saved', error: undefined }));
        return;
      }
      const sent = draft.fields;
      const patch: CallRecordPatch = { expectedVersion: draft.version, ...pick(draft.fields, draft.unsent) };
      const result = await api.updateCallRecord(callRecordId, patch);
      if (result.ok) {
        failures.delete(sipCallId);
        conflicts.delete(sipCallId);
        const saved = update(sipCallId, (current) => {
          // Whatever the agent typed while the PATCH was on its way is still unsent.
          const unsent = current.unsent.filter((field) => current.fields[field] !== sent[field]);
          return {
            unsent,
            version: result.value.version,
            customerName: result.value.customerName,
            fields: { ...fieldsOf(result.value), ...pick(current.fields, unsent) },
            status: unsent.length === 0 ? 'saved' : 'editing',
            savedAt: now(),
            error: undefined,
            problems: current.problems.filter((problem) => !(problem.field in patch)),
            touchedAt: now(),
          };
        });
        if (saved && saved.unsent.length > 0 && !again.has(sipCallId)) schedule(sipCallId, debounceMs);
        prune();
        return;
      }
      const error = result.error;
      if (error.kind === 'http' && error.status === 409) {
        // Someone saved in between: reload, lay the agent's changes on top, send again.
        const inARow = (conflicts.get(sipCallId) ?? 0) + 1;
        conflicts.set(sipCallId, inARow);
        update(sipCallId, () => ({ version: undefined }));
        if (inARow <= conflictsBeforeBackoff) again.add(sipCallId);
        else retryLater(sipCallId, error);
        return;
      }
      if (isTransient(error)) retryLater(sipCallId, error);
      else refused(sipCallId, error);
    };

    /** Forgets drafts the service fully has after a while, and unsendable ones after longer. */
    const prune = (): void => {
      const at = now();
      const current = get().drafts;
      const kept = Object.fromEntries(
        Object.entries(current).filter(([, draft]) => {
          if (draft.sipCallId === tracked || inFlight.has(draft.sipCallId) || timers.has(draft.sipCallId)) return true;
          const age = at - draft.touchedAt;
          if (draft.unsent.length === 0) return age < keepSavedMs;
          return age < keepUnsentMs;
        }),
      );
      if (Object.keys(kept).length === Object.keys(current).length) return;
      set({ drafts: kept });
      persist();
    };

    const loadCodes = async (): Promise<void> => {
      if (codesTimer !== undefined) clearTimeout(codesTimer);
      codesTimer = undefined;
      const [categories, dispositions] = await Promise.all([api.listCallCategories(), api.listDispositions()]);
      if (disposed) return;
      if (categories.ok) set({ categories: categories.value });
      if (dispositions.ok) set({ dispositions: dispositions.value });
      const failed = !categories.ok ? categories.error : !dispositions.ok ? dispositions.error : undefined;
      if (failed === undefined) {
        codesFailures = 0;
        set({ codesError: undefined });
        return;
      }
      set({ codesError: lookupErrorOf(failed) });
      if (!isTransient(failed)) return;
      codesFailures += 1;
      codesTimer = setTimeout(() => void loadCodes(), backoffDelay(backoff, codesFailures, random));
    };

    const newDraft = (sipCallId: string, callRecordId: string | undefined, deskCustomerId: string | null): RecordDraft => ({
      sipCallId,
      callRecordId,
      fields: { ...emptyFields, customerId: deskCustomerId },
      // A customer the screen pop linked before the record existed is the agent's change.
      unsent: deskCustomerId === null ? [] : ['customerId'],
      version: undefined,
      customerName: null,
      deskCustomerId,
      status: 'editing',
      savedAt: undefined,
      error: undefined,
      problems: [],
      touchedAt: now(),
    });

    return {
      drafts: restoreDrafts(storage, storageKey, (draft) => {
        const age = now() - draft.touchedAt;
        return draft.unsent.length === 0 ? age < keepSavedMs : age < keepUnsentMs;
      }),
      categories: [],
      dispositions: [],
      codesError: undefined,

      loadCodes() {
        void loadCodes();
      },

      track(call) {
        tracked = call.sipCallId;
        const existing = draftOf(call.sipCallId);
        if (!existing) {
          set({ drafts: { ...get().drafts, [call.sipCallId]: newDraft(call.sipCallId, call.callRecordId, call.customerId) } });
          persist();
          if (call.callRecordId !== undefined) void sync(call.sipCallId);
          return;
        }
        if (call.callRecordId !== undefined && existing.callRecordId !== call.callRecordId) {
          update(call.sipCallId, () => ({ callRecordId: call.callRecordId, version: undefined }));
          void sync(call.sipCallId);
        }
        if (call.customerId !== existing.deskCustomerId) {
          update(call.sipCallId, () => ({ deskCustomerId: call.customerId }));
          if (call.customerId !== draftOf(call.sipCallId)?.fields.customerId) get().edit(call.sipCallId, { customerId: call.customerId });
        }
      },

      edit(sipCallId, changes) {
        const draft = draftOf(sipCallId) ?? newDraft(sipCallId, undefined, null);
        const changed = recordFields.filter((field) => field in changes && changes[field] !== undefined && changes[field] !== draft.fields[field]);
        if (changed.length === 0) return;
        const fields = { ...draft.fields, ...pick({ ...draft.fields, ...changes }, changed) };
        const next: RecordDraft = {
          ...draft,
          fields,
          unsent: [...new Set([...draft.unsent, ...changed])],
          status: draft.status === 'unsent' ? 'unsent' : 'editing',
          problems: draft.problems.filter((problem) => !changed.includes(problem.field)),
          ...(draft.status === 'error' ? { error: undefined } : {}),
          touchedAt: now(),
        };
        set({ drafts: { ...get().drafts, [sipCallId]: next } });
        persist();
        // While the service is unreachable the retry timer stays; the retry sends the latest values.
        if (next.callRecordId !== undefined && next.status !== 'unsent') schedule(sipCallId, debounceMs);
      },

      save(sipCallId) {
        failures.delete(sipCallId);
        conflicts.delete(sipCallId);
        void sync(sipCallId);
      },

      retryNow() {
        for (const draft of Object.values(get().drafts)) if (draft.status === 'unsent') get().save(draft.sipCallId);
      },

      dispose() {
        disposed = true;
        onlineEvents?.removeEventListener('online', onOnline);
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
        if (codesTimer !== undefined) clearTimeout(codesTimer);
        codesTimer = undefined;
      },
    };
  });

  onlineEvents?.addEventListener('online', onOnline);
  // Drafts left unsent by an earlier page (a reload, a crash) go out now.
  for (const draft of Object.values(store.getState().drafts)) {
    if (draft.callRecordId !== undefined && draft.unsent.length > 0) store.getState().save(draft.sipCallId);
  }
  return store;
}

/**
 * The required fields (per the desk policy) still empty in a call's draft: the after-call-work
 * gate lets the agent leave only when this is empty.
 * @remarks A call without a draft has nothing filled in. Notes of only spaces count as empty.
 */
export function missingRequiredFields(state: RecordStoreState, sipCallId: string, required: readonly RequiredRecordField[]): RequiredRecordField[] {
  const fields = state.drafts[sipCallId]?.fields ?? emptyFields;
  return required.filter((field) => {
    switch (field) {
      case 'categoryId':
        return fields.categoryId === null;
      case 'dispositionId':
        return fields.dispositionId === null;
      case 'notes':
        return fields.notes.trim() === '';
      default:
        return exhaustiveSwitchError(field);
    }
  });
}

/**
 * The record store as the desk store's after-call-work gate ({@link WrapUpCheck}): which
 * required fields a call's draft still lacks, and a notice whenever a draft changes.
 */
export function recordWrapUpCheck(store: RecordStore): WrapUpCheck {
  return {
    missing: (sipCallId, required) => missingRequiredFields(store.getState(), sipCallId, required),
    subscribe: (listener) => store.subscribe(listener),
  };
}

/** The codes to offer in a select: the active ones, plus the chosen one if it was retired since. */
export function offeredCodes(codes: readonly CallCode[], chosenId: string | null): CallCode[] {
  return codes.filter((code) => code.active || code.id === chosenId);
}

/** Selectors of the record store. */
export const recordSelectors = {
  draft: (sipCallId: string | undefined) => (state: RecordStoreState) => (sipCallId === undefined ? undefined : state.drafts[sipCallId]),
};

/** The drafts an earlier page kept, those `keep` accepts (the rest are old enough to forget). */
function restoreDrafts(storage: DraftStorage | undefined, key: string, keep: (draft: z.infer<typeof storedDraftSchema>) => boolean): Record<string, RecordDraft> {
  let raw: string | null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return {};
  }
  if (raw === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    console.warn('Call-record drafts in local storage are unreadable; starting without them');
    return {};
  }
  const parsed = storedDraftsSchema.safeParse(json);
  if (!parsed.success) {
    console.warn('Call-record drafts in local storage have an unknown shape; starting without them');
    return {};
  }
  return Object.fromEntries(
    parsed.data.drafts.filter(keep).map((stored): [string, RecordDraft] => [
      stored.sipCallId,
      {
        sipCallId: stored.sipCallId,
        callRecordId: stored.callRecordId,
        fields: stored.fields,
        unsent: stored.unsent,
        // Reloaded before the next PATCH: the record may have changed meanwhile.
        version: undefined,
        customerName: stored.customerName,
        deskCustomerId: stored.deskCustomerId,
        status: stored.unsent.length > 0 ? 'unsent' : 'saved',
        savedAt: stored.savedAt,
        error: undefined,
        problems: [],
        touchedAt: stored.touchedAt,
      },
    ]),
  );
}

function fieldsOf(record: CallRecordDto): RecordFields {
  return { categoryId: record.categoryId, notes: record.notes, dispositionId: record.dispositionId, followUpAt: record.followUpAt, customerId: record.customerId };
}

function pick(fields: RecordFields, which: readonly RecordField[]): Partial<RecordFields> {
  return Object.fromEntries(which.map((field) => [field, fields[field]]));
}

/** The service's values, with the agent's unsent changes on top (the agent wins for those). */
function adoptRecord(draft: RecordDraft, record: CallRecordDto): Partial<RecordDraft> {
  const fields = { ...fieldsOf(record), ...pick(draft.fields, draft.unsent) };
  // Changes that equal the service's values are no longer unsent.
  const unsent = draft.unsent.filter((field) => fields[field] !== record[field]);
  return { fields, unsent, version: record.version, customerName: record.customerName, touchedAt: draft.touchedAt };
}

/** Failures a later attempt may get past: no answer, the service's own trouble, a lost session. */
function isTransient(error: ApiError): boolean {
  switch (error.kind) {
    case 'network':
    case 'invalid-response':
      return true;
    case 'http':
      return error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429 || error.status === 409;
    default:
      return exhaustiveSwitchError(error);
  }
}

/** The service's 400 field problems (`body.notes`) on the panel's fields. */
function fieldProblemsOf(problems: readonly FieldProblem[]): RecordFieldProblem[] {
  return problems.flatMap((problem) => {
    const field = recordFields.find((name) => problem.path === `body.${name}` || problem.path === name);
    return field === undefined ? [] : [{ field, message: problem.message }];
  });
}

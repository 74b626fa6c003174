import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentsApi } from '../api/agents-api';
import { backoffDelay, defaultBackoff, type Backoff } from '../api/backoff';
import type { CallRecordsApi } from '../api/call-records-api';
import type { CallEventRequest } from '../contract/call-records';
import type { DeskPolicy, RequiredRecordField } from '../contract/desk-policy';
import type { AgentStateName, CallPhase } from '../contract/events';
import type { CurrentUser } from '../contract/auth';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import type { CallEndReason, CallSnapshot, CompletedTransfer } from '../telephony';
import { canAgentTransition, incomingRefusalFor } from './agent-state-machine';
import { AgentStateReporter, type AgentStateSync } from './agent-state-reporter';
import { CallEventOutbox, type OutboxStatus } from './call-event-outbox';
import type { PhoneStore } from './phone-store';
import type { SessionStore } from './session-store';

/**
 * The call the desktop is working on: ringing, in conversation, or in after-call work.
 * @remarks Keyed by the SIP Call-ID, the key of the call record in the CTI service.
 */
export interface DeskCall {
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  /** The other party as dialled or presented (extension or phone number); `null` when withheld (非通知). */
  readonly remoteNumber: string | null;
  readonly stage: 'ringing' | 'talking' | 'wrap-up';
  /** The call record's id once the service has answered the first call event. */
  readonly callRecordId: string | undefined;
  /** The record's version in the service's latest answer to a call event (the form's `expectedVersion`). */
  readonly recordVersion: number | undefined;
  /** The customer linked to the record (screen pop or chosen by the agent); `null`: none. */
  readonly customerId: string | null;
  /** The phone store's id of the call while it is live; `undefined` once it ended or after a reload. */
  readonly phoneCallId: string | undefined;
  /** When the call was offered or dialled (epoch ms). */
  readonly startedAt: number;
  /** When it was answered (epoch ms); `undefined` while ringing. */
  readonly answeredAt: number | undefined;
  /**
   * For the consultation call of an attended transfer (相談転送), the SIP Call-ID of the
   * customer's call it is about (for the consulted agent, the call that replaced it): the
   * customer's call stays the desk's current one, and the consultation's record is not
   * required to be completed before after-call work ends.
   */
  readonly consultationFor?: string;
  /**
   * The queue an incoming call came through (its number, e.g. `2001`, from the INVITE's
   * `X-Tsunagu-Queue` header); absent for calls not routed through a queue. Filed as the
   * call events' `queue`, so the call record names the queue.
   */
  readonly queueNumber?: string;
}

/** Where the agent goes when after-call work ends (chosen in advance during the call or its wrap-up). */
export type NextAgentState = { readonly state: 'available' } | { readonly state: 'not-ready'; readonly reason: string | null };

/**
 * The after-call work (後処理) in progress.
 * @remarks `endsAt` is when the policy's timer makes the agent available by itself (`null`:
 * only by hand); `overdue` means the timer ran out while required record fields were missing,
 * so the agent stays in after-call work until they finish it by hand.
 */
export interface AfterCallWork {
  readonly startedAt: number;
  readonly endsAt: number | null;
  readonly overdue: boolean;
}

/**
 * Tells which required record fields a call still lacks (the call-record store's
 * `missingRequiredFields`), and when that may have changed.
 */
export interface WrapUpCheck {
  missing(sipCallId: string, required: readonly RequiredRecordField[]): readonly RequiredRecordField[];
  subscribe(listener: () => void): () => void;
}

/** State of the agent's desk as the screens see it. */
export interface DeskStoreState {
  readonly agentState: AgentStateName;
  /** The not-ready reason code, with `not-ready`; `null` is 受付停止 (not ready, no reason given). */
  readonly reason: string | null;
  /** When the current state began (epoch ms). */
  readonly since: number;
  readonly policy: DeskPolicy | undefined;
  /** True while the desk policy could not be loaded (retried with backoff). */
  readonly policyUnavailable: boolean;
  /** The call in front of the agent: the newest one not yet wrapped up, a consultation giving way to its customer's call. */
  readonly current: DeskCall | undefined;
  /** Every call not yet wrapped up, oldest first. */
  readonly calls: readonly DeskCall[];
  /** The after-call work in progress, with `after-call-work`. */
  readonly afterCallWork: AfterCallWork | undefined;
  /** Where the agent goes after the after-call work. */
  readonly next: NextAgentState;
  /** Required record fields still missing on the calls in wrap-up: after-call work cannot end while any are. */
  readonly wrapUpBlockers: readonly RequiredRecordField[];
  /** Call events kept locally, not yet filed with the service (未送信). */
  readonly pendingEvents: number;
  readonly outbox: OutboxStatus;
  /** Whether the service has the agent's current state. */
  readonly stateSync: AgentStateSync;
}

/** Commands of the desk store. */
export interface DeskStoreActions {
  /**
   * 受付可: takes calls from now on; during a call or its after-call work, chooses available
   * as the state after the wrap-up.
   */
  goAvailable: () => void;
  /**
   * 離席 with a reason code of the policy: takes no calls from now on; during a call or its
   * after-call work, chooses not-ready as the state after the wrap-up.
   * @throws Error for a code the loaded policy does not list (a bug of the caller).
   */
  goNotReady: (reasonCode: string) => void;
  /**
   * 後処理完了: ends the after-call work and goes to {@link DeskStoreState.next}; false (and no
   * change) while required record fields are missing or outside after-call work.
   */
  finishWrapUp: () => boolean;
  /** Links (or unlinks, `null`) the customer of a call's record. */
  linkCustomer: (sipCallId: string, customerId: string | null) => void;
  /** Plugs in (or out, `undefined`) the call-record store's check of required fields. */
  setWrapUpCheck: (check: WrapUpCheck | undefined) => void;
  /** Sends what waits for a retry now (the network came back). */
  retryNow: () => void;
}

/** The desk store. */
export type DeskStore = StoreApi<DeskStoreState & DeskStoreActions>;

/** What the desk store needs; injected so tests use fake phones, the mock service and fake timers. */
export interface DeskStoreDependencies {
  readonly phone: PhoneStore;
  readonly session: SessionStore;
  readonly agents: AgentsApi;
  readonly callRecords: CallRecordsApi;
  /** Keeps unsent call events and the desk's calls across reloads, per user (localStorage). */
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  readonly now?: () => number;
  /** Retries of state changes, call events and the policy (1 s doubling to 30 s by default). */
  readonly backoff?: Backoff;
  readonly random?: () => number;
  readonly wrapUpCheck?: WrapUpCheck;
}

/** A phone call the desk follows. */
interface TrackedCall {
  readonly sipCallId: string;
  readonly direction: DeskCall['direction'];
  readonly remoteNumber: string | null;
  readonly queueNumber: string | undefined;
  last: CallSnapshot;
  answered: boolean;
}

/** The part of the desk kept in storage so a reload carries on (after-call work, unfinished calls). */
interface SavedDesk {
  readonly agentState: AgentStateName;
  readonly reason: string | null;
  readonly calls: readonly DeskCall[];
  readonly afterCallWork: AfterCallWork | undefined;
  readonly next: NextAgentState;
}

/** The signed-in agent the desk works for. */
interface DeskSession {
  readonly userId: string;
  readonly localNumber: string | undefined;
  /** Signing out: call events are still filed, the agent state no longer moves. */
  closing: boolean;
}

const savedKeyPrefix = 'tsunagu.desk.state.';
const available: NextAgentState = { state: 'available' };

/**
 * Creates the store of the agent's desk: the agent-state machine, the calls being handled and
 * the call events filed with the CTI service.
 *
 * @remarks
 * After a CTI sign-in the agent is `not-ready` without a reason (受付停止) until they choose
 * 受付可; after a reload the state the service stored is restored. Answering a call (either
 * direction) makes the agent `on-call`; when the last answered call ends they enter after-call
 * work (後処理) with the policy's timer, and leave it to the state chosen in advance
 * ({@link DeskStoreState.next}: not-ready again when they were not ready before the call, else
 * available) once the record's required fields are filled. A call that ends unanswered
 * changes nothing.
 *
 * Every state change goes to the service (PUT /api/agents/me/state, latest wins, retried) and
 * sets the phone's backstop: while not ready or offline the browser refuses an INVITE with 480,
 * during after-call work with 486, should Kamailio offer one anyway (the service down).
 *
 * Every call's events (offered, answered, held, resumed, transferred, ended) go through a durable
 * {@link CallEventOutbox} kept in storage per user; the record's id and version from the
 * answers land on the {@link DeskCall}. Staff without a phone, and the direct-SIP mode
 * (no CTI session), leave the desk `offline` and untouched.
 */
export function createDeskStore(dependencies: DeskStoreDependencies): DeskStore {
  const { phone, session, agents, callRecords, storage } = dependencies;
  const now = dependencies.now ?? Date.now;
  const backoff = dependencies.backoff ?? defaultBackoff;
  const random = dependencies.random ?? Math.random;
  let desk: DeskSession | undefined;
  /** Bumped whenever a desk session starts or ends, so late answers of an older one are ignored. */
  let epoch = 0;
  const tracked = new Map<string, TrackedCall>();
  let wrapUpTimer: ReturnType<typeof setTimeout> | undefined;
  let policyTimer: ReturnType<typeof setTimeout> | undefined;
  let wrapUpCheck: WrapUpCheck | undefined;
  let unsubscribeCheck: (() => void) | undefined;

  const reporter = new AgentStateReporter({
    send: (change) => agents.setMyState(change),
    onSync: (stateSync) => store.setState({ stateSync }),
    backoff,
    now,
    random,
  });

  const outbox = new CallEventOutbox({
    storage,
    file: (sipCallId, event) => callRecords.fileCallEvent(sipCallId, event),
    onFiled: (entry, result) => {
      updateCall(entry.sipCallId, { callRecordId: result.callRecordId, recordVersion: result.version });
    },
    onRefused: (entry, error) => {
      console.warn(`call event ${entry.event.phase} of ${entry.sipCallId} refused by the CTI service and dropped: ${error.message}`);
    },
    onChange: (pendingEvents, status) => store.setState({ pendingEvents, outbox: status }),
    backoff,
    now,
    random,
  });

  /** The desk of no one signed in: offline, no policy, no calls (the outbox keeps its own figures). */
  const signedOutDesk = (): Omit<DeskStoreState, 'pendingEvents' | 'outbox'> => ({
    agentState: 'offline',
    reason: null,
    since: now(),
    policy: undefined,
    policyUnavailable: false,
    current: undefined,
    calls: [],
    afterCallWork: undefined,
    next: available,
    wrapUpBlockers: [],
    stateSync: { kind: 'synced' },
  });

  const store = createStore<DeskStoreState & DeskStoreActions>()(() => ({
    ...signedOutDesk(),
    pendingEvents: 0,
    outbox: { kind: 'idle' },

    goAvailable() {
      const { agentState } = requireDesk('go available');
      if (agentState === 'on-call' || agentState === 'after-call-work') update({ next: available });
      else if (agentState !== 'available') transition('available', null);
    },

    goNotReady(reasonCode) {
      const { agentState, policy } = requireDesk('go not ready');
      if (policy && !policy.notReadyReasons.some((reason) => reason.code === reasonCode)) {
        throw new Error(`not-ready reason ${reasonCode} is not in the desk policy`);
      }
      if (agentState === 'on-call' || agentState === 'after-call-work') update({ next: { state: 'not-ready', reason: reasonCode } });
      else transition('not-ready', reasonCode);
    },

    finishWrapUp() {
      if (store.getState().agentState !== 'after-call-work' || desk?.closing !== false) return false;
      refreshBlockers();
      if (store.getState().wrapUpBlockers.length > 0) return false;
      leaveAfterCallWork();
      return true;
    },

    linkCustomer(sipCallId, customerId) {
      updateCall(sipCallId, { customerId });
    },

    setWrapUpCheck(check) {
      unsubscribeCheck?.();
      wrapUpCheck = check;
      unsubscribeCheck = check?.subscribe(refreshBlockers);
      refreshBlockers();
    },

    retryNow() {
      outbox.retryNow();
      reporter.retryNow();
    },
  }));

  /** The desk's state, or an Error when no agent is signed in (the controls are not shown then). */
  function requireDesk(command: string): DeskStoreState {
    if (!desk || desk.closing) throw new Error(`cannot ${command}: no agent is signed in to the CTI service`);
    return store.getState();
  }

  /** Applies changes, keeps `current` the newest call (not a consultation) and saves the desk for a reload. */
  function update(changes: Partial<DeskStoreState>): void {
    const calls = changes.calls;
    store.setState(calls === undefined ? changes : { ...changes, current: [...calls].reverse().find((call) => call.consultationFor === undefined) ?? calls.at(-1) });
    save();
  }

  /**
   * Moves the agent to `to`: checks the move, sets the phone's backstop and tells the service.
   * @throws Error for a move the state machine does not allow (a bug).
   */
  function transition(to: AgentStateName, reason: string | null, changes: Partial<DeskStoreState> = {}, options: { report?: boolean; since?: number } = {}): void {
    const from = store.getState().agentState;
    if (!canAgentTransition(from, to)) throw new Error(`illegal agent state transition ${from} → ${to}`);
    const why = to === 'not-ready' ? reason : null;
    update({ ...changes, agentState: to, reason: why, since: options.since ?? now() });
    if (desk) phone.getState().refuseIncomingCalls(incomingRefusalFor(to));
    if (desk && (options.report ?? true)) reporter.report(why === null ? { state: to } : { state: to, reason: why });
  }

  function updateCall(sipCallId: string, changes: Partial<DeskCall>): void {
    const calls = store.getState().calls;
    if (!calls.some((call) => call.sipCallId === sipCallId)) return;
    update({ calls: calls.map((call) => (call.sipCallId === sipCallId ? { ...call, ...changes } : call)) });
  }

  function fileEvent(
    call: Pick<DeskCall, 'sipCallId' | 'direction' | 'remoteNumber'> & { readonly queueNumber?: string | undefined },
    phase: CallPhase,
    at: number,
    extra: Partial<CallEventRequest> = {},
  ): void {
    if (!desk) return;
    outbox.add(call.sipCallId, {
      phase,
      at: new Date(at).toISOString(),
      direction: call.direction,
      remoteNumber: call.remoteNumber,
      ...(desk.localNumber === undefined ? {} : { localNumber: desk.localNumber }),
      ...(call.queueNumber === undefined ? {} : { queue: call.queueNumber }),
      ...extra,
    });
  }

  // ── calls ────────────────────────────────────────────────────────────────────────────────

  function onPhoneCalls(calls: readonly CallSnapshot[]): void {
    if (!desk) return;
    const live = new Set<string>();
    for (const snapshot of calls) {
      live.add(snapshot.id);
      observe(snapshot);
    }
    for (const [id, call] of tracked) if (!live.has(id)) ended(id, call, call.last);
  }

  function observe(snapshot: CallSnapshot): void {
    let call = tracked.get(snapshot.id);
    if (!call) {
      call = {
        sipCallId: snapshot.sipCallId,
        direction: snapshot.direction === 'incoming' ? 'inbound' : 'outbound',
        remoteNumber: /^anonymous$/i.test(snapshot.remoteUser) || snapshot.remoteUser.trim() === '' ? null : snapshot.remoteUser,
        queueNumber: snapshot.queueNumber,
        last: snapshot,
        answered: false,
      };
      tracked.set(snapshot.id, call);
      const deskCall: DeskCall = {
        sipCallId: call.sipCallId,
        direction: call.direction,
        remoteNumber: call.remoteNumber,
        stage: 'ringing',
        callRecordId: undefined,
        recordVersion: undefined,
        customerId: null,
        phoneCallId: snapshot.id,
        startedAt: snapshot.createdAt,
        answeredAt: undefined,
        ...(call.queueNumber === undefined ? {} : { queueNumber: call.queueNumber }),
      };
      update({ calls: [...store.getState().calls.filter((other) => other.sipCallId !== call?.sipCallId), deskCall] });
      // A call that replaced our consultation (a colleague's attended transfer to us) names it,
      // so the service links this record to the one it continues.
      fileEvent(call, 'offered', snapshot.createdAt, snapshot.replacedSipCallId === undefined ? {} : { linkedSipCallId: snapshot.replacedSipCallId });
      // The consultation this call replaced was about the customer now on it.
      if (snapshot.replacedSipCallId !== undefined) updateCall(snapshot.replacedSipCallId, { consultationFor: call.sipCallId });
    }
    const previous = call.last;
    call.last = snapshot;
    if (!call.answered && snapshot.connectedAt !== undefined) {
      call.answered = true;
      fileEvent(call, 'answered', snapshot.connectedAt);
      updateCall(call.sipCallId, { stage: 'talking', answeredAt: snapshot.connectedAt });
      answered();
    }
    if (previous.state === 'active' && snapshot.state === 'held') fileEvent(call, 'held', now());
    if (previous.state === 'held' && snapshot.state === 'active') fileEvent(call, 'resumed', now());
    if (!previous.transferred && snapshot.transferred) fileTransfer(call, snapshot.transferred);
    const link = snapshot.consultation;
    if (link?.role === 'consultation') {
      const customer = tracked.get(link.customerCallId);
      const deskCall = store.getState().calls.find((other) => other.sipCallId === call.sipCallId);
      if (customer && deskCall && deskCall.consultationFor === undefined) updateCall(call.sipCallId, { consultationFor: customer.sipCallId });
    }
    if (snapshot.state === 'ended') ended(snapshot.id, call, snapshot);
  }

  /**
   * The agent handed the call on: `transferred` with where to and, for an attended transfer,
   * the consultation's Call-ID, which the service uses to link the two legs' records.
   */
  function fileTransfer(call: TrackedCall, transfer: CompletedTransfer): void {
    const target = /^sips?:([^@;>]+)@/.exec(transfer.target)?.[1] ?? transfer.target;
    fileEvent(call, 'transferred', now(), {
      transferredTo: target,
      ...(transfer.linkedSipCallId === undefined ? {} : { linkedSipCallId: transfer.linkedSipCallId }),
    });
  }

  function ended(id: string, call: TrackedCall, snapshot: CallSnapshot): void {
    tracked.delete(id);
    const endReason = endReasonOf(snapshot.endReason);
    fileEvent(call, 'ended', snapshot.endedAt ?? now(), endReason === undefined ? {} : { endReason });
    if (call.answered) updateCall(call.sipCallId, { stage: 'wrap-up', phoneCallId: undefined });
    else update({ calls: store.getState().calls.filter((other) => other.sipCallId !== call.sipCallId) });
    const talking = [...tracked.values()].some((other) => other.answered);
    if (!talking && store.getState().agentState === 'on-call' && desk?.closing === false) enterAfterCallWork();
    else refreshBlockers();
  }

  function answered(): void {
    const { agentState, reason, next } = store.getState();
    if (agentState === 'on-call' || desk?.closing !== false) return;
    stopWrapUpTimer();
    const after: NextAgentState = agentState === 'after-call-work' ? next : agentState === 'not-ready' ? { state: 'not-ready', reason } : available;
    transition('on-call', null, { next: after, afterCallWork: undefined });
  }

  // ── after-call work ──────────────────────────────────────────────────────────────────────

  function enterAfterCallWork(afterCallWork?: AfterCallWork, changes: Partial<DeskStoreState> = {}): void {
    const seconds = store.getState().policy?.afterCallWork.autoAvailableAfterSeconds ?? null;
    const startedAt = now();
    const work = afterCallWork ?? { startedAt, endsAt: seconds === null ? null : startedAt + seconds * 1000, overdue: false };
    transition('after-call-work', null, { ...changes, afterCallWork: work });
    refreshBlockers();
    scheduleWrapUpTimer(work);
  }

  function scheduleWrapUpTimer(work: AfterCallWork): void {
    stopWrapUpTimer();
    if (work.endsAt === null || work.overdue) return;
    const current = epoch;
    wrapUpTimer = setTimeout(() => {
      wrapUpTimer = undefined;
      if (current !== epoch || store.getState().agentState !== 'after-call-work') return;
      refreshBlockers();
      if (store.getState().wrapUpBlockers.length === 0) leaveAfterCallWork();
      else update({ afterCallWork: { ...work, overdue: true } });
    }, Math.max(0, work.endsAt - now()));
  }

  function stopWrapUpTimer(): void {
    if (wrapUpTimer !== undefined) clearTimeout(wrapUpTimer);
    wrapUpTimer = undefined;
  }

  function leaveAfterCallWork(): void {
    stopWrapUpTimer();
    const { next, calls } = store.getState();
    transition(next.state, next.state === 'not-ready' ? next.reason : null, {
      calls: calls.filter((call) => call.stage !== 'wrap-up'),
      afterCallWork: undefined,
      next: available,
      wrapUpBlockers: [],
    });
  }

  function refreshBlockers(): void {
    const { policy, calls, wrapUpBlockers } = store.getState();
    const required = policy?.afterCallWork.requiredFields ?? [];
    const check = wrapUpCheck;
    const missing = new Set<RequiredRecordField>();
    if (check && required.length > 0) {
      // A consultation leg needs no record of its own: the customer's call carries the outcome.
      for (const call of calls) {
        if (call.stage !== 'wrap-up' || call.consultationFor !== undefined) continue;
        for (const field of check.missing(call.sipCallId, required)) missing.add(field);
      }
    }
    const blockers = required.filter((field) => missing.has(field));
    if (blockers.length !== wrapUpBlockers.length || blockers.some((field, index) => field !== wrapUpBlockers[index])) {
      store.setState({ wrapUpBlockers: blockers });
    }
  }

  // ── sessions ─────────────────────────────────────────────────────────────────────────────

  function start(user: CurrentUser, how: 'sign-in' | 'restore'): void {
    if (user.sipUser === null) return;
    epoch += 1;
    const current = epoch;
    desk = { userId: user.id, localNumber: user.sipUser, closing: false };
    outbox.open(user.id);
    loadPolicy(current, 0);
    const saved = readSaved(storage, user.id);
    const leftovers = endLeftovers(saved?.calls ?? []);
    if (how === 'restore' && leftovers.length > 0 && saved) {
      const work = saved.afterCallWork;
      enterAfterCallWork(work, { calls: leftovers, next: saved.next });
      return;
    }
    if (how === 'sign-in') {
      transition('not-ready', null, { calls: [], next: available });
      return;
    }
    void agents.getMyState().then((result) => {
      if (current !== epoch || store.getState().agentState !== 'offline') return;
      if (result.ok) {
        const stored = result.value;
        if (stored.state === 'available' || stored.state === 'not-ready') {
          transition(stored.state, stored.reason, { calls: [] }, { report: false, since: Date.parse(stored.since) });
        } else if (stored.state === 'offline') {
          transition('not-ready', null, { calls: [] });
        } else {
          enterAfterCallWork(undefined, { calls: [], next: available });
        }
        return;
      }
      if (saved?.agentState === 'available' || saved?.agentState === 'not-ready') transition(saved.agentState, saved.reason, { calls: [] });
      else transition('not-ready', null, { calls: [] });
    });
  }

  /**
   * Files `ended` for the calls the previous page left ringing or talking (the reload cut them)
   * and returns the calls still to wrap up.
   */
  function endLeftovers(calls: readonly DeskCall[]): DeskCall[] {
    const kept: DeskCall[] = [];
    for (const call of calls) {
      if (call.stage !== 'wrap-up') fileEvent(call, 'ended', now());
      if (call.stage !== 'ringing') kept.push({ ...call, stage: 'wrap-up', phoneCallId: undefined });
    }
    return kept;
  }

  function loadPolicy(current: number, attempt: number): void {
    void agents.getDeskPolicy().then((result) => {
      if (current !== epoch) return;
      if (result.ok) {
        store.setState({ policy: result.value, policyUnavailable: false });
        refreshBlockers();
        return;
      }
      store.setState({ policyUnavailable: true });
      policyTimer = setTimeout(() => {
        policyTimer = undefined;
        loadPolicy(current, attempt + 1);
      }, backoffDelay(backoff, attempt + 1, random));
    });
  }

  /**
   * Signing out: the service hears `offline` at once, while the session still holds (sent
   * directly, not behind a change still on its way; the service also counts an agent without
   * a session as offline).
   */
  function close(): void {
    if (!desk || desk.closing) return;
    stopWrapUpTimer();
    reporter.stop();
    if (store.getState().agentState !== 'offline') transition('offline', null, { afterCallWork: undefined }, { report: false });
    desk.closing = true;
    void agents.setMyState({ state: 'offline' });
  }

  /** The session ended: forget the agent; unsent events stay in storage for their next session. */
  function stop(): void {
    if (!desk) return;
    epoch += 1;
    desk = undefined;
    tracked.clear();
    stopWrapUpTimer();
    if (policyTimer !== undefined) clearTimeout(policyTimer);
    policyTimer = undefined;
    reporter.stop();
    outbox.close();
    phone.getState().refuseIncomingCalls(undefined);
    store.setState(signedOutDesk());
  }

  function save(): void {
    if (!storage || !desk || desk.closing) return;
    const { agentState, reason, calls, afterCallWork, next } = store.getState();
    const saved: SavedDesk = { agentState, reason, calls, afterCallWork, next };
    try {
      storage.setItem(savedKeyPrefix + desk.userId, JSON.stringify(saved));
    } catch (error) {
      console.warn('the desk could not be kept in local storage', error);
    }
  }

  session.subscribe((state, previous) => {
    if (state.status === previous.status) return;
    if (state.status === 'signed-in' && state.user) start(state.user, previous.status === 'restoring' ? 'restore' : 'sign-in');
    else if (state.status === 'signing-out') close();
    else if (state.status === 'signed-out') stop();
  });
  phone.subscribe((state, previous) => {
    if (state.calls !== previous.calls) onPhoneCalls(state.calls);
  });
  if (typeof window !== 'undefined') window.addEventListener('online', () => store.getState().retryNow());
  if (dependencies.wrapUpCheck) store.getState().setWrapUpCheck(dependencies.wrapUpCheck);
  const initial = session.getState();
  if (initial.status === 'signed-in' && initial.user) start(initial.user, 'restore');
  return store;
}

/** What the softphone may state about how a call ended (the service derives the rest). */
function endReasonOf(reason: CallEndReason | undefined): CallEventRequest['endReason'] {
  if (!reason) return undefined;
  switch (reason.kind) {
    case 'hangup':
    case 'cancelled':
    case 'transferred':
    case 'replaced':
      return undefined;
    case 'failed':
      return 'failed';
    case 'declined':
    case 'rejected':
      if (reason.status === 486 || reason.status === 600) return 'busy';
      if (reason.status === 603) return 'rejected';
      if (reason.status >= 500 || reason.status === 404 || reason.status === 484) return 'failed';
      return undefined;
    default:
      return exhaustiveSwitchError(reason);
  }
}

/** The desk a previous page of `userId` saved; anything unreadable counts as nothing saved. */
function readSaved(storage: DeskStoreDependencies['storage'], userId: string): SavedDesk | undefined {
  const raw = storage?.getItem(savedKeyPrefix + userId);
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as Partial<SavedDesk>;
    if (typeof saved.agentState !== 'string' || !Array.isArray(saved.calls)) return undefined;
    return {
      agentState: saved.agentState,
      reason: typeof saved.reason === 'string' ? saved.reason : null,
      calls: saved.calls.filter(isDeskCall),
      afterCallWork: isAfterCallWork(saved.afterCallWork) ? saved.afterCallWork : undefined,
      next: saved.next?.state === 'not-ready' ? { state: 'not-ready', reason: saved.next.reason } : available,
    };
  } catch {
    return undefined;
  }
}

function isAfterCallWork(value: unknown): value is AfterCallWork {
  if (typeof value !== 'object' || value === null) return false;
  const work = value as Partial<Record<keyof AfterCallWork, unknown>>;
  return typeof work.startedAt === 'number' && (typeof work.endsAt === 'number' || work.endsAt === null) && typeof work.overdue === 'boolean';
}

function isDeskCall(value: unknown): value is DeskCall {
  if (typeof value !== 'object' || value === null) return false;
  const call = value as Partial<Record<keyof DeskCall, unknown>>;
  return (
    typeof call.sipCallId === 'string' &&
    (call.direction === 'inbound' || call.direction === 'outbound') &&
    (call.stage === 'ringing' || call.stage === 'talking' || call.stage === 'wrap-up') &&
    (typeof call.remoteNumber === 'string' || call.remoteNumber === null) &&
    (call.queueNumber === undefined || typeof call.queueNumber === 'string') &&
    typeof call.startedAt === 'number'
  );
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  CallQualityMonitor,
  MicLevelMeter,
  Phone,
  TelephonyException,
  isConnected,
  type Call,
  type CallEndReason,
  type CallQuality,
  type TransferOutcome,
  type CallSnapshot,
  type IncomingRefusal,
  type PhoneOptions,
  type PhoneState,
  type Tone,
  type DtmfMode,
} from '../telephony';

/** What the agent entered to sign in; everything but the password is remembered. */
export interface PhoneCredentials {
  readonly server: string;
  readonly domain: string;
  readonly user: string;
  readonly password: string;
  /** Digest user name when it differs from `user` (short-lived credentials of the CTI service). */
  readonly authorizationUser?: string;
  readonly displayName: string;
  /** How DTMF is sent: RFC 4733 in the media (default) or SIP INFO. */
  readonly dtmfMode: DtmfMode;
}

/** The remembered part of {@link PhoneCredentials}. */
export type RememberedSettings = Omit<PhoneCredentials, 'password' | 'authorizationUser'>;

/** A message for the agent that stays until dismissed or replaced. */
export type PhoneNotice =
  | { readonly id: number; readonly kind: 'call-ended'; readonly reason: CallEndReason; readonly remote: string }
  | { readonly id: number; readonly kind: 'busy-rejected'; readonly caller: string }
  | { readonly id: number; readonly kind: 'command-failed'; readonly message: string }
  | { readonly id: number; readonly kind: 'hold-failed'; readonly status: number | undefined }
  | { readonly id: number; readonly kind: 'transfer'; readonly outcome: TransferOutcome; readonly remote: string }
  | {
      readonly id: number;
      readonly kind: 'consultation-ended';
      /** Who the agent consulted (extension or number) and why that call ended. */
      readonly target: string;
      readonly reason: CallEndReason;
      /** The customer, and whether their call was resumed. */
      readonly customer: string;
      readonly resumed: boolean;
    }
  | { readonly id: number; readonly kind: 'device-failed'; readonly device: 'microphone' | 'speaker'; readonly message: string };

/** A notice before it gets its id. */
type NewNotice = PhoneNotice extends infer N ? (N extends PhoneNotice ? Omit<N, 'id'> : never) : never;

/** State of the phone as the screens see it. */
export interface PhoneStoreState {
  readonly signedIn: boolean;
  readonly settings: RememberedSettings | undefined;
  readonly registration: PhoneState;
  /** Calls that have not ended, oldest first. */
  readonly calls: readonly CallSnapshot[];
  /** Tones sent per call id, for the keypad's echo. */
  readonly dtmfSent: Readonly<Record<string, string>>;
  /** Tones received by SIP INFO per call id (RFC 4733 tones are invisible to browsers). */
  readonly dtmfReceived: Readonly<Record<string, string>>;
  readonly callWaiting: boolean;
  /** While set, every incoming call is refused with this SIP status (the agent takes no calls). */
  readonly incomingRefusal: IncomingRefusal | undefined;
  readonly notices: readonly PhoneNotice[];
  /** The latest quality estimate per connected call id (every 2 s from WebRTC statistics). */
  readonly quality: Readonly<Record<string, CallQuality>>;
}

/** The microphone and speaker the phone should use; `undefined`: the system default. */
export interface AudioDeviceChoice {
  readonly microphoneId: string | undefined;
  readonly speakerId: string | undefined;
}

/** Commands of the phone store; each one's outcome arrives as a state change. */
export interface PhoneStoreActions {
  /**
   * Registers with `credentials`; `remember: false` keeps them out of storage (credentials
   * issued by the CTI service must not overwrite the direct SIP form's settings).
   */
  signIn: (credentials: PhoneCredentials, options?: { readonly remember?: boolean }) => void;
  signOut: () => Promise<void>;
  /** Renewed short-lived credentials, used from the next challenged REGISTER or INVITE on. */
  updateCredentials: (authorizationUser: string, password: string) => void;
  dial: (target: string) => Promise<void>;
  answer: (callId: string) => Promise<void>;
  reject: (callId: string) => Promise<void>;
  hangup: (callId: string) => Promise<void>;
  toggleHold: (callId: string) => Promise<void>;
  toggleMute: (callId: string) => void;
  sendDtmf: (callId: string, tones: string) => Promise<void>;
  switchTo: (callId: string) => Promise<void>;
  /** Blind transfer to an extension or number; the outcome arrives as a `transfer` notice. */
  transfer: (callId: string, target: string) => Promise<void>;
  /**
   * 相談転送: holds the call and calls `target` (an extension, queue or outside number) to
   * consult them; the consultation shows as a second call linked to the first.
   */
  consult: (callId: string, target: string) => Promise<void>;
  /**
   * Hands the customer of `callId` (the customer's call or its consultation) to the consulted
   * target; the outcome arrives as a `transfer` notice and both calls end.
   */
  completeTransfer: (callId: string) => Promise<void>;
  /** Hangs up the consultation of `callId` (either call of the pair) and resumes the customer. */
  cancelConsultation: (callId: string) => Promise<void>;
  /** Microphone and speaker for the calls in progress and the next ones (kept across sign-ins). */
  setAudioDevices: (choice: AudioDeviceChoice) => Promise<void>;
  /**
   * Reports the level (0–1) of the microphone a call sends, until the returned function is called.
   * @remarks Nothing is reported before the call has media; subscribe again after a microphone change.
   */
  observeMicLevel: (callId: string, onLevel: (level: number) => void) => () => void;
  setCallWaiting: (enabled: boolean) => void;
  /**
   * Refuses incoming calls with 480 (not ready, offline) or 486 (after-call work), or lets
   * them ring again (`undefined`); kept for the phones of later sign-ins too.
   */
  refuseIncomingCalls: (status: IncomingRefusal | undefined) => void;
  dismissNotice: (id: number) => void;
  /** Call from a user gesture so ringtones may play (Chrome's autoplay policy). */
  unlockAudio: () => void;
}

/** The phone store. */
export type PhoneStore = StoreApi<PhoneStoreState & PhoneStoreActions>;

/** Local tone output, narrowed so tests can observe it. */
export interface ToneOutput {
  unlock(): void;
  play(tone: Tone): void;
  stop(): void;
}

/** What the store needs from the outside world; injected so tests use fakes. */
export interface PhoneStoreDependencies {
  readonly createPhone: (options: PhoneOptions) => Phone;
  readonly tones: ToneOutput;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly mark: (name: string) => void;
  /** Quality polling of a connected call; the WebRTC statistics monitor when absent. */
  readonly monitorQuality?: (call: Call, onQuality: (quality: CallQuality) => void) => { start(): void; stop(): void };
  /** Level meter of a call's microphone; Web Audio's analyser when absent. */
  readonly meterLevel?: (stream: MediaStream, onLevel: (level: number) => void) => { start(): void; stop(): void };
}

const settingsKey = 'tsunagu.phone.settings';

/**
 * Creates the store that owns the agent's {@link Phone} and mirrors it for the screens.
 *
 * @remarks
 * The store is the only caller of the telephony core. It keeps immutable call snapshots,
 * drives the ringtone and ringback from them, and turns refused commands into notices.
 * Performance marks (`tsunagu:*`) time registration and call set-up for `npm run bench:calls`.
 */
export function createPhoneStore(dependencies: PhoneStoreDependencies): PhoneStore {
  const { createPhone, tones, storage, mark } = dependencies;
  const monitorQuality = dependencies.monitorQuality ?? ((call, onQuality) => new CallQualityMonitor(() => call.getStats(), onQuality));
  const meterLevel = dependencies.meterLevel ?? ((stream, onLevel) => new MicLevelMeter(stream, onLevel));
  let phone: Phone | undefined;
  let audioDevices: AudioDeviceChoice = { microphoneId: undefined, speakerId: undefined };
  const callsById = new Map<string, Call>();
  let noticeId = 0;
  let unsubscribers: (() => void)[] = [];
  /** The remembered settings to show again after a sign-in that was not to be remembered. */
  let rememberedBeforeSignIn: { settings: RememberedSettings | undefined } | undefined;

  const store = createStore<PhoneStoreState & PhoneStoreActions>()((set, get) => {
    const notify = (notice: NewNotice): void => {
      noticeId += 1;
      const next = { ...notice, id: noticeId } as PhoneNotice;
      set({ notices: [...get().notices.filter((existing) => existing.kind !== next.kind), next] });
    };

    const run = async (work: () => unknown): Promise<void> => {
      try {
        await work();
      } catch (error) {
        if (error instanceof TelephonyException) notify({ kind: 'command-failed', message: error.message });
        else throw error;
      }
    };

    const callFor = (callId: string): Call => {
      const call = callsById.get(callId);
      if (!call) throw new TelephonyException('invalid-state', 'that call has already ended');
      return call;
    };

    /** The customer's call of an attended transfer, from either call of the pair. */
    const customerCallFor = (callId: string): Call => {
      const link = callFor(callId).snapshot.consultation;
      return link?.role === 'consultation' ? callFor(link.customerCallId) : callFor(callId);
    };

    const labelOf = (snapshot: CallSnapshot): string => snapshot.remoteDisplayName ?? snapshot.remoteUser;

    const track = (call: Call): void => {
      callsById.set(call.id, call);
      set({ calls: [...get().calls, call.snapshot] });
      let monitor: { start(): void; stop(): void } | undefined;
      call.on('change', (snapshot) => {
        if (isConnected(snapshot.state) && !monitor) {
          monitor = monitorQuality(call, (quality) => {
            if (callsById.has(call.id)) set({ quality: { ...get().quality, [call.id]: quality } });
          });
          monitor.start();
        }
        if (snapshot.state === 'ringing') mark(`tsunagu:ringing:${snapshot.sipCallId}`);
        if (snapshot.state === 'active' && snapshot.connectedAt !== undefined) mark(`tsunagu:active:${snapshot.sipCallId}`);
        set({ calls: get().calls.map((existing) => (existing.id === snapshot.id ? snapshot : existing)) });
      });
      call.on('hold-failed', (status) => notify({ kind: 'hold-failed', status }));
      call.on('dtmf', (tone) => {
        const received = get().dtmfReceived;
        set({ dtmfReceived: { ...received, [call.id]: `${received[call.id] ?? ''}${tone}` } });
      });
      call.on('transfer', (outcome) => notify({ kind: 'transfer', outcome, remote: labelOf(call.snapshot) }));
      call.on('ended', (reason) => {
        monitor?.stop();
        callsById.delete(call.id);
        const { [call.id]: _sent, ...dtmfSent } = get().dtmfSent;
        const { [call.id]: _received, ...dtmfReceived } = get().dtmfReceived;
        const { [call.id]: _quality, ...quality } = get().quality;
        set({ calls: get().calls.filter((existing) => existing.id !== call.id), dtmfSent, dtmfReceived, quality });
        // A transferred call's `transfer` notice already says where it went.
        if (reason.kind !== 'transferred') notify({ kind: 'call-ended', reason, remote: labelOf(call.snapshot) });
      });
    };

    const detach = (): void => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      callsById.clear();
    };

    return {
      signedIn: false,
      settings: readSettings(storage),
      registration: { name: 'idle' },
      calls: [],
      dtmfSent: {},
      dtmfReceived: {},
      callWaiting: false,
      incomingRefusal: undefined,
      notices: [],
      quality: {},

      signIn(credentials, options = {}) {
        if (phone) return;
        const { password: _secret, authorizationUser: _expiring, ...remembered } = credentials;
        if (options.remember ?? true) storage?.setItem(settingsKey, JSON.stringify(remembered));
        else rememberedBeforeSignIn = { settings: get().settings };
        const created = createPhone({ ...credentials, callWaiting: get().callWaiting });
        created.refuseIncomingCalls(get().incomingRefusal);
        phone = created;
        unsubscribers = [
          created.on('state', (registration) => {
            if (registration.name === 'registered') mark('tsunagu:registered');
            set({ registration });
          }),
          created.on('call', track),
          created.on('busy-rejected', (caller) => notify({ kind: 'busy-rejected', caller: userOf(caller) })),
          created.on('consultation-ended', (customer, consultation, resumed) =>
            notify({
              kind: 'consultation-ended',
              target: consultation.remoteUser,
              reason: consultation.endReason ?? { kind: 'hangup', by: 'remote' },
              customer: labelOf(customer),
              resumed,
            }),
          ),
        ];
        set({ signedIn: true, settings: remembered, notices: [] });
        void created.setAudioInput(audioDevices.microphoneId);
        void created.setAudioOutput(audioDevices.speakerId);
        mark('tsunagu:register-start');
        created.start();
      },

      async signOut() {
        const current = phone;
        phone = undefined;
        if (current) await current.stop();
        detach();
        tones.stop();
        const settings = rememberedBeforeSignIn ? rememberedBeforeSignIn.settings : get().settings;
        rememberedBeforeSignIn = undefined;
        set({ signedIn: false, settings, registration: { name: 'unregistered' }, calls: [], dtmfSent: {}, dtmfReceived: {}, quality: {} });
      },

      updateCredentials(authorizationUser, password) {
        phone?.updateCredentials(authorizationUser, password);
      },

      dial(target) {
        return run(async () => {
          if (!phone) throw new TelephonyException('not-registered', 'not signed in');
          mark('tsunagu:dial');
          await phone.dial(target);
        });
      },

      answer(callId) {
        return run(() => {
          mark('tsunagu:answer');
          return phone?.answer(callFor(callId));
        });
      },

      reject(callId) {
        return run(() => callFor(callId).reject());
      },

      hangup(callId) {
        return run(() => callFor(callId).hangup());
      },

      toggleHold(callId) {
        return run(() => {
          const call = callFor(callId);
          return call.state === 'held' ? phone?.switchTo(call) : call.hold();
        });
      },

      toggleMute(callId) {
        void run(() => {
          const call = callFor(callId);
          call.setMuted(!call.snapshot.muted);
        });
      },

      sendDtmf(callId, digits) {
        return run(async () => {
          await callFor(callId).sendDtmf(digits);
          const sent = get().dtmfSent;
          set({ dtmfSent: { ...sent, [callId]: `${sent[callId] ?? ''}${digits}` } });
        });
      },

      switchTo(callId) {
        return run(() => phone?.switchTo(callFor(callId)));
      },

      transfer(callId, target) {
        return run(() => {
          if (!phone) throw new TelephonyException('not-registered', 'not signed in');
          return phone.transfer(callFor(callId), target);
        });
      },

      consult(callId, target) {
        return run(async () => {
          if (!phone) throw new TelephonyException('not-registered', 'not signed in');
          mark('tsunagu:dial');
          await phone.consult(callFor(callId), target);
        });
      },

      completeTransfer(callId) {
        return run(() => phone?.completeTransfer(customerCallFor(callId)));
      },

      cancelConsultation(callId) {
        return run(() => phone?.cancelConsultation(customerCallFor(callId)));
      },

      async setAudioDevices(choice) {
        const previous = audioDevices;
        audioDevices = choice;
        const current = phone;
        if (!current) return;
        const apply = async (device: 'microphone' | 'speaker', work: () => Promise<void>): Promise<void> => {
          try {
            await work();
          } catch (error) {
            notify({ kind: 'device-failed', device, message: error instanceof Error ? error.message : String(error) });
          }
        };
        await Promise.all([
          choice.microphoneId !== previous.microphoneId ? apply('microphone', () => current.setAudioInput(choice.microphoneId)) : undefined,
          choice.speakerId !== previous.speakerId ? apply('speaker', () => current.setAudioOutput(choice.speakerId)) : undefined,
        ]);
      },

      observeMicLevel(callId, onLevel) {
        const stream = callsById.get(callId)?.localMediaStream;
        if (!stream) return () => undefined;
        const meter = meterLevel(stream, onLevel);
        meter.start();
        return () => meter.stop();
      },

      setCallWaiting(enabled) {
        phone?.setCallWaiting(enabled);
        set({ callWaiting: enabled });
      },

      refuseIncomingCalls(status) {
        phone?.refuseIncomingCalls(status);
        set({ incomingRefusal: status });
      },

      dismissNotice(id) {
        set({ notices: get().notices.filter((notice) => notice.id !== id) });
      },

      unlockAudio() {
        tones.unlock();
      },
    };
  });

  store.subscribe((state, previous) => {
    if (state.calls !== previous.calls) syncTones(state.calls, tones);
  });
  return store;
}

/** Ringtone while a call waits for an answer; ringback while ours rings without early media. */
function syncTones(calls: readonly CallSnapshot[], tones: ToneOutput): void {
  const talking = calls.some((call) => call.state === 'active');
  if (calls.some((call) => call.state === 'incoming') && !talking) tones.play('ringtone');
  else if (calls.some((call) => call.state === 'ringing' && !call.earlyMedia)) tones.play('ringback');
  else tones.stop();
}

function readSettings(storage: PhoneStoreDependencies['storage']): RememberedSettings | undefined {
  const raw = storage?.getItem(settingsKey);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<RememberedSettings>;
    if (typeof parsed.server === 'string' && typeof parsed.user === 'string' && typeof parsed.domain === 'string') {
      return {
        server: parsed.server,
        user: parsed.user,
        domain: parsed.domain,
        displayName: parsed.displayName ?? '',
        dtmfMode: parsed.dtmfMode === 'info' ? 'info' : 'rfc4733',
      };
    }
  } catch {
    // A corrupt entry is ignored: the form starts empty rather than crashing the app.
  }
  return undefined;
}

function userOf(uri: string): string {
  return /^sips?:([^@]+)@/.exec(uri)?.[1] ?? uri;
}

/** The production wiring: real phones, Web Audio tones, localStorage, performance marks. */
export function browserPhoneStoreDependencies(tones: ToneOutput): PhoneStoreDependencies {
  return {
    createPhone: (options) => new Phone(options),
    tones,
    storage: typeof localStorage === 'undefined' ? undefined : localStorage,
    mark: (name) => {
      if (typeof performance !== 'undefined') performance.mark(name);
    },
  };
}

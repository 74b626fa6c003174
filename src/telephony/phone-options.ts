import type { SessionDescriptionHandlerFactory, Transport } from 'sip.js';
import type { AudioSinkFactory } from './audio-output';
import type { CallMediaSettings } from './call-media';
import type { DtmfMode } from './dtmf';
import type { ReconnectPolicy } from './reconnect-policy';

/**
 * How the phone reaches its SIP server and who it registers as.
 *
 * @remarks
 * Until the CTI service hands out short-lived credentials, these come from the sign-in form.
 */
export interface PhoneOptions {
  /** SIP over WebSocket endpoint, e.g. `wss://sip.example.jp:5443` or `ws://127.0.0.1:5066`. */
  readonly server: string;
  /** SIP user (the extension), e.g. `1001`. */
  readonly user: string;
  /** SIP domain of the address of record, e.g. `127.0.0.1` or `cc.example.jp`. */
  readonly domain: string;
  readonly password: string;
  /** Digest user name when it differs from {@link PhoneOptions.user}. */
  readonly authorizationUser?: string;
  readonly displayName?: string;
  /** Offer a second incoming call while on a call (otherwise it is refused with 486 Busy Here). */
  readonly callWaiting?: boolean;
  readonly dtmfMode?: DtmfMode;
  /** Seconds asked for in REGISTER's Expires. */
  readonly registerExpiresSec?: number;
  readonly media?: Partial<CallMediaSettings>;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** Seconds before an unanswered incoming call is released with 480. */
  readonly noAnswerTimeoutSec?: number;
  readonly logLevel?: 'debug' | 'log' | 'warn' | 'error';
  /** Injected in unit tests: a transport that needs no server. */
  readonly transportConstructor?: new (...args: never[]) => Transport;
  /** Injected in unit tests: media without WebRTC. */
  readonly sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory;
  /** Injected in unit tests: audio output without an audio stack. */
  readonly audioSinkFactory?: AudioSinkFactory;
  /** Injected in unit tests: the clock. */
  readonly now?: () => number;
}

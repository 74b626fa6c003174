/**
 * The telephony core: SIP.js and WebRTC behind typed commands and events. No React, no stores.
 * @packageDocumentation
 */
export { HtmlAudioSink, type AudioSink, type AudioSinkFactory } from './audio-output';
export { Call, type CallDirection, type CallEvents, type CallSnapshot } from './call';
export { TsunaguSessionDescriptionHandler, type CallMedia, type CallMediaSettings } from './call-media';
export { isConnected, isLive, type CallEndReason, type CallStateName } from './call-state';
export { isDtmfTones, type DtmfMode } from './dtmf';
export { Phone, maxCalls, type IncomingRefusal, type PhoneEvents } from './phone';
export type { PhoneOptions } from './phone-options';
export type { PhoneFailure, PhoneState, PhoneStateName } from './phone-state';
export { defaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy';
export { TelephonyException, type TelephonyExceptionKind } from './telephony-exception';
export { TonePlayer, type Tone } from './tone-player';

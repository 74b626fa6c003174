/**
 * The telephony core: SIP.js and WebRTC behind typed commands and events. No React, no stores.
 * @packageDocumentation
 */
export { HtmlAudioSink, type AudioSink, type AudioSinkFactory } from './audio-output';
export { Call, type CallDirection, type CallEvents, type CallSnapshot, type CompletedTransfer, type ConsultationLink, type TransferOutcome } from './call';
export { TsunaguSessionDescriptionHandler, openMicrophone, type CallMedia, type CallMediaSettings } from './call-media';
export { estimateMos, estimateRFactor, rateMos, readCallQuality, type CallQuality, type CallQualityRating, type NetworkConditions } from './call-quality';
export { CallQualityMonitor, type StatsProvider } from './call-quality-monitor';
export { isConnected, isLive, type CallEndReason, type CallStateName } from './call-state';
export { isDtmfTones, type DtmfMode } from './dtmf';
export { BrowserAudioDeviceCatalog, resolveDevice, toAudioDevices, type AudioDevice, type AudioDeviceCatalog, type AudioDevices } from './media-devices';
export { MicLevelMeter, levelOf } from './mic-level';
export { BrowserMonitoringLeg, type MonitoringLeg, type MonitoringLegFactory } from './monitoring-leg';
export { Phone, maxCalls, type IncomingRefusal, type PhoneEvents } from './phone';
export type { PhoneOptions } from './phone-options';
export type { PhoneFailure, PhoneState, PhoneStateName } from './phone-state';
export { defaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy';
export { TelephonyException, type TelephonyExceptionKind } from './telephony-exception';
export { TonePlayer, type Tone } from './tone-player';

/**
 * Call quality from WebRTC statistics: round-trip time, jitter and packet loss, turned into
 * an estimated MOS (mean opinion score, 1–5) with a simplified ITU-T G.107 E-model.
 *
 * @remarks
 * Pure functions: the polling lives in {@link CallQualityMonitor}, so these are tested with
 * plain numbers and hand-made statistics.
 */

/** How the agent should read the line: the three bands of the indicator. */
export type CallQualityRating = 'good' | 'fair' | 'poor';

/** What the network measures for one call at one moment. */
export interface NetworkConditions {
  /** Round-trip time in milliseconds (RTCP receiver reports, or the ICE candidate pair). */
  readonly rttMs: number;
  /** Interarrival jitter in milliseconds (RFC 3550 §6.4.1), the worse of both directions. */
  readonly jitterMs: number;
  /** Fraction of packets lost, 0–1, the worse of both directions. */
  readonly lossFraction: number;
}

/** One quality sample of a call, as the indicator shows it. */
export interface CallQuality extends NetworkConditions {
  /** Estimated MOS, 1.0–4.5 (the E-model's ceiling for narrowband voice). */
  readonly mos: number;
  readonly rating: CallQualityRating;
}

/**
 * Assumed equipment impairment of the codec (Ie) and its packet-loss robustness (Bpl).
 * @remarks ITU-T G.113 Appendix I values for G.711 with packet-loss concealment. Opus (what
 * browsers negotiate) is not tabulated and does at least as well, so the estimate is cautious.
 */
const codecIe = 0;
const codecBpl = 25.1;
/** One 20 ms frame of packetisation, the delay the codec adds before a packet leaves. */
const packetisationMs = 20;
/** R of a perfect narrowband line under G.107 defaults (93.2 once simultaneous impairments are counted). */
const defaultR0 = 93.2;

/**
 * Estimates the MOS of a call from its network conditions (simplified ITU-T G.107 E-model).
 *
 * @remarks
 * Follows the simplification of Cole and Rosenbluth ("Voice over IP performance monitoring",
 * ACM SIGCOMM CCR 2001) with the loss term of G.107 (2005 and later):
 *
 * ```
 * d       = RTT / 2 + 2 × jitter + 20 ms                      one-way mouth-to-ear delay
 * Id      = 0.024 d + 0.11 (d − 177.3) H(d − 177.3)            delay impairment (H: step function)
 * Ie,eff  = Ie + (95 − Ie) × Ppl / (Ppl + Bpl)                 loss impairment, Ppl in percent, random loss
 * R       = 93.2 − Id − Ie,eff
 * MOS     = 1                                      R ≤ 0
 *         = 1 + 0.035 R + 7·10⁻⁶ R (R − 60)(100 − R)  0 < R < 100
 *         = 4.5                                    R ≥ 100
 * ```
 *
 * Assumptions: the path is symmetric (one-way delay is half the RTT); the receiver's jitter
 * buffer holds about twice the measured jitter; loss is random, not bursty (BurstR = 1);
 * the codec is rated like G.711 with concealment (Ie = 0, Bpl = 25.1); no echo, noise or
 * loudness impairments (G.107 defaults). The result ranks lines for an agent; it is not a
 * measurement of what the customer heard.
 */
export function estimateMos(conditions: NetworkConditions): number {
  const rFactor = estimateRFactor(conditions);
  if (rFactor <= 0) return 1;
  if (rFactor >= 100) return 4.5;
  return 1 + 0.035 * rFactor + 7e-6 * rFactor * (rFactor - 60) * (100 - rFactor);
}

/**
 * The E-model's transmission rating R (0–100) for these conditions; see {@link estimateMos}.
 */
export function estimateRFactor({ rttMs, jitterMs, lossFraction }: NetworkConditions): number {
  const delay = Math.max(0, rttMs) / 2 + 2 * Math.max(0, jitterMs) + packetisationMs;
  const delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
  const lossPercent = Math.min(Math.max(lossFraction, 0), 1) * 100;
  const lossImpairment = codecIe + ((95 - codecIe) * lossPercent) / (lossPercent + codecBpl);
  return defaultR0 - delayImpairment - lossImpairment;
}

/**
 * The band of an estimated MOS.
 * @remarks G.107 Annex B: R ≥ 80 (MOS ≥ 4.03) "satisfied", R 70–80 (MOS 3.6–4.03) "some users
 * dissatisfied", below 70 "many users dissatisfied". The bands use rounded MOS limits 4.0 and 3.6.
 */
export function rateMos(mos: number): CallQualityRating {
  if (mos >= 4) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/** Packet counters of the previous sample, to turn cumulative counts into recent loss. */
export interface ReceiveCounters {
  readonly packetsLost: number;
  readonly packetsReceived: number;
}

/** A quality sample and the counters to hand to the next reading. */
export interface QualityReading {
  readonly quality: CallQuality | undefined;
  readonly counters: ReceiveCounters | undefined;
}

/** What {@link readCallQuality} reads: `RTCStatsReport`, a `Map` of stats, or an array of them. */
export interface StatsSource {
  forEach(callback: (value: unknown) => void): void;
}

type StatsEntry = Record<string, unknown> & { readonly type: string; readonly id: string };

/**
 * Reads one quality sample from an `RTCPeerConnection.getStats()` report.
 *
 * @param report - the stats report (an `RTCStatsReport`, a `Map` of stats or a list of them).
 * @param previous - counters from the previous reading; loss is measured since then.
 * @returns no quality while nothing has been received yet (the call is still setting up).
 *
 * @remarks
 * - RTT: `remote-inbound-rtp.roundTripTime` (from the other side's RTCP receiver reports),
 *   else the selected ICE `candidate-pair.currentRoundTripTime`.
 * - Jitter: the worse of `inbound-rtp.jitter` (what we receive) and `remote-inbound-rtp.jitter`
 *   (what the other side receives from us).
 * - Loss: the worse of `inbound-rtp` packets lost since the previous reading and
 *   `remote-inbound-rtp.fractionLost` (the other side's latest report).
 * Times in the report are seconds; the sample is in milliseconds.
 */
export function readCallQuality(report: StatsSource, previous?: ReceiveCounters): QualityReading {
  const entries = statsEntries(report);
  const audio = (entry: StatsEntry): boolean => entry.kind === undefined || entry.kind === 'audio';
  const inbound = entries.find((entry) => entry.type === 'inbound-rtp' && audio(entry));
  const remoteInbound = entries.find((entry) => entry.type === 'remote-inbound-rtp' && audio(entry));
  if (!inbound) return { quality: undefined, counters: previous };

  const packetsLost = numberOf(inbound.packetsLost) ?? 0;
  const packetsReceived = numberOf(inbound.packetsReceived) ?? 0;
  const counters: ReceiveCounters = { packetsLost, packetsReceived };
  const lostSince = packetsLost - (previous?.packetsLost ?? 0);
  const receivedSince = packetsReceived - (previous?.packetsReceived ?? 0);
  const receiveLoss = lostSince > 0 && lostSince + receivedSince > 0 ? lostSince / (lostSince + receivedSince) : 0;
  const sendLoss = numberOf(remoteInbound?.fractionLost) ?? 0;

  const rttSeconds = numberOf(remoteInbound?.roundTripTime) ?? selectedPairRtt(entries) ?? 0;
  const jitterSeconds = Math.max(numberOf(inbound.jitter) ?? 0, numberOf(remoteInbound?.jitter) ?? 0);

  const conditions: NetworkConditions = {
    rttMs: rttSeconds * 1000,
    jitterMs: jitterSeconds * 1000,
    lossFraction: Math.min(1, Math.max(receiveLoss, sendLoss)),
  };
  const mos = estimateMos(conditions);
  return { quality: { ...conditions, mos, rating: rateMos(mos) }, counters };
}

function selectedPairRtt(entries: readonly StatsEntry[]): number | undefined {
  const transport = entries.find((entry) => entry.type === 'transport');
  const selectedId = typeof transport?.selectedCandidatePairId === 'string' ? transport.selectedCandidatePairId : undefined;
  const pair =
    entries.find((entry) => entry.type === 'candidate-pair' && entry.id === selectedId) ??
    entries.find((entry) => entry.type === 'candidate-pair' && entry.nominated === true && entry.state === 'succeeded');
  return numberOf(pair?.currentRoundTripTime);
}

function statsEntries(report: StatsSource): StatsEntry[] {
  const entries: StatsEntry[] = [];
  report.forEach((value: unknown) => {
    if (typeof value === 'object' && value !== null && 'type' in value && 'id' in value) entries.push(value as StatsEntry);
  });
  return entries;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

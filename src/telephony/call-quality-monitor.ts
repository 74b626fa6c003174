import { readCallQuality, type CallQuality, type ReceiveCounters, type StatsSource } from './call-quality';

/** Where the monitor gets statistics: the call's `RTCPeerConnection.getStats()`, or undefined before media exists. */
export type StatsProvider = () => Promise<StatsSource> | undefined;

/** Settings of a {@link CallQualityMonitor}. */
export interface CallQualityMonitorOptions {
  /** Milliseconds between readings; 2 s is the default. */
  readonly intervalMs?: number;
}

/**
 * Polls one call's WebRTC statistics and reports an estimated quality at each reading.
 *
 * @remarks
 * Chrome refreshes RTCP-derived figures (round-trip time, remote loss) about every second, so
 * a 2 s period sees each report without costing the agent's machine anything noticeable.
 * A reading that fails (the peer connection closed meanwhile) is skipped, not reported.
 */
export class CallQualityMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private counters: ReceiveCounters | undefined;
  private reading = false;
  private stopped = false;

  constructor(
    private readonly stats: StatsProvider,
    private readonly onQuality: (quality: CallQuality) => void,
    private readonly options: CallQualityMonitorOptions = {},
  ) {}

  /** False once stopped; read after an await, where a stop may have happened meanwhile. */
  private get running(): boolean {
    return !this.stopped;
  }

  /** Starts polling (the first reading comes after one period); a second call does nothing. */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => void this.read(), this.options.intervalMs ?? 2000);
  }

  /** Stops polling for good; a reading in flight is dropped. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes one reading now; resolves once it has been reported (or skipped). */
  async read(): Promise<void> {
    if (this.reading || this.stopped) return;
    const pending = this.stats();
    if (!pending) return;
    this.reading = true;
    try {
      const { quality, counters } = readCallQuality(await pending, this.counters);
      this.counters = counters;
      if (quality && this.running) this.onQuality(quality);
    } catch {
      // The peer connection went away between two readings: nothing to report.
    } finally {
      this.reading = false;
    }
  }
}

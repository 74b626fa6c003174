import { describe, expect, it, vi } from 'vitest';
import { estimateMos, estimateRFactor, rateMos, readCallQuality } from './call-quality';
import { CallQualityMonitor } from './call-quality-monitor';

describe('estimateMos (simplified G.107 E-model)', () => {
  it('gives a clean LAN line the narrowband ceiling region (R ≈ 92.7, MOS ≈ 4.40)', () => {
    const conditions = { rttMs: 2, jitterMs: 0, lossFraction: 0 };
    expect(estimateRFactor(conditions)).toBeCloseTo(93.2 - 0.024 * 21, 5);
    expect(estimateMos(conditions)).toBeCloseTo(4.4, 2);
    expect(rateMos(estimateMos(conditions))).toBe('good');
  });

  it('charges the extra delay impairment beyond 177.3 ms one way', () => {
    // d = 400/2 + 2·10 + 20 = 240 ms → Id = 0.024·240 + 0.11·(240 − 177.3) = 12.657
    expect(estimateRFactor({ rttMs: 400, jitterMs: 10, lossFraction: 0 })).toBeCloseTo(93.2 - 12.657, 3);
    const below = estimateMos({ rttMs: 300, jitterMs: 0, lossFraction: 0 });
    const above = estimateMos({ rttMs: 500, jitterMs: 0, lossFraction: 0 });
    expect(below - above).toBeGreaterThan(0.25);
  });

  it('falls steeply with packet loss: 2 % is fair, 5 % is poor', () => {
    const lan = { rttMs: 20, jitterMs: 2 };
    // Ie,eff at 2 % = 95·2 / (2 + 25.1) = 7.01 → R ≈ 85.5
    expect(estimateRFactor({ ...lan, lossFraction: 0.02 })).toBeCloseTo(93.2 - 0.024 * 34 - (95 * 2) / 27.1, 3);
    expect(rateMos(estimateMos({ ...lan, lossFraction: 0.05 }))).toBe('fair');
    expect(rateMos(estimateMos({ ...lan, lossFraction: 0.1 }))).toBe('poor');
    expect(estimateMos({ ...lan, lossFraction: 0.1 })).toBeLessThan(estimateMos({ ...lan, lossFraction: 0.05 }));
  });

  it('stays within 1 and 4.5 whatever it is given', () => {
    expect(estimateMos({ rttMs: 10_000, jitterMs: 500, lossFraction: 1 })).toBe(1);
    expect(estimateMos({ rttMs: -5, jitterMs: -1, lossFraction: -0.2 })).toBeLessThanOrEqual(4.5);
    expect(estimateMos({ rttMs: 0, jitterMs: 0, lossFraction: 0 })).toBeGreaterThan(4.39);
  });

  it('rates by the G.107 satisfaction bands', () => {
    expect(rateMos(4.0)).toBe('good');
    expect(rateMos(3.99)).toBe('fair');
    expect(rateMos(3.6)).toBe('fair');
    expect(rateMos(3.59)).toBe('poor');
  });
});

const inbound = (packetsReceived: number, packetsLost: number, jitter = 0.004) => ({ id: 'IT01A', type: 'inbound-rtp', kind: 'audio', packetsReceived, packetsLost, jitter });

describe('readCallQuality', () => {
  it('reads RTT, jitter and loss from a Chrome-like report, in milliseconds', () => {
    const report = new Map<string, object>([
      ['IT01A', inbound(1000, 0)],
      ['RIA', { id: 'RIA', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.08, jitter: 0.012, fractionLost: 0.01 }],
    ]);
    const { quality } = readCallQuality(report);
    expect(quality).toMatchObject({ rttMs: 80, jitterMs: 12, lossFraction: 0.01 });
    expect(quality?.mos).toBeCloseTo(estimateMos({ rttMs: 80, jitterMs: 12, lossFraction: 0.01 }), 10);
  });

  it('falls back to the selected candidate pair for RTT and measures loss since the last reading', () => {
    const first = readCallQuality([inbound(100, 0), { id: 'T', type: 'transport', selectedCandidatePairId: 'CP1' }, { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 0.03 }]);
    expect(first.quality?.rttMs).toBeCloseTo(30);
    expect(first.quality?.lossFraction).toBe(0);
    const second = readCallQuality([inbound(190, 10), { id: 'CP1', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.03 }], first.counters);
    expect(second.quality?.lossFraction).toBeCloseTo(10 / 100);
    expect(second.quality?.rating).toBe('poor');
  });

  it('has nothing to say before any audio arrives', () => {
    expect(readCallQuality([{ id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 0.01 }]).quality).toBeUndefined();
  });
});

describe('CallQualityMonitor', () => {
  it('polls every period while started and never after stop()', async () => {
    vi.useFakeTimers();
    try {
      const samples: number[] = [];
      let received = 0;
      const monitor = new CallQualityMonitor(
        () => {
          received += 50;
          return Promise.resolve([inbound(received, 0)]);
        },
        (quality) => samples.push(quality.mos),
        { intervalMs: 2000 },
      );
      monitor.start();
      await vi.advanceTimersByTimeAsync(4100);
      expect(samples).toHaveLength(2);
      monitor.stop();
      await vi.advanceTimersByTimeAsync(6000);
      expect(samples).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips a reading whose statistics cannot be had', async () => {
    const onQuality = vi.fn();
    const monitor = new CallQualityMonitor(() => Promise.reject(new Error('closed')), onQuality);
    await monitor.read();
    const idle = new CallQualityMonitor(() => undefined, onQuality);
    await idle.read();
    expect(onQuality).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { dtmfRelayBody, isDtmfTones, parseDtmfInfo } from './dtmf';
import { defaultReconnectPolicy, reconnectDelay } from './reconnect-policy';
import { toSipUri } from './sip-address';

describe('reconnectDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = { ...defaultReconnectPolicy, jitter: 0 };
    expect([1, 2, 3, 4].map((attempt) => reconnectDelay(policy, attempt))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelay(policy, 30)).toBe(policy.maxDelayMs);
  });

  it('spreads retries by the jitter fraction', () => {
    const policy = { ...defaultReconnectPolicy, jitter: 0.2 };
    expect(reconnectDelay(policy, 1, () => 0)).toBe(400);
    expect(reconnectDelay(policy, 1, () => 0.999999)).toBe(600);
  });
});

describe('DTMF', () => {
  it('accepts the sixteen tones only', () => {
    expect(isDtmfTones('0123456789*#ABCD')).toBe(true);
    expect(isDtmfTones('1e')).toBe(false);
    expect(isDtmfTones('')).toBe(false);
  });

  it('round-trips a dtmf-relay INFO body', () => {
    expect(parseDtmfInfo('application/dtmf-relay', dtmfRelayBody('#', 100))).toBe('#');
    expect(parseDtmfInfo('application/dtmf', '5')).toBe('5');
    expect(parseDtmfInfo('text/plain', 'Signal=5')).toBeUndefined();
  });
});

describe('toSipUri', () => {
  it('dials extensions, numbers with separators and full URIs', () => {
    expect(toSipUri('1002', 'cc.example.jp')?.toString()).toBe('sip:1002@cc.example.jp');
    expect(toSipUri('03-1234-5678', 'cc.example.jp')?.toString()).toBe('sip:0312345678@cc.example.jp');
    expect(toSipUri('+81 3 1234 5678', 'cc.example.jp')?.toString()).toBe('sip:+81312345678@cc.example.jp');
    expect(toSipUri('sip:support@example.com', 'cc.example.jp')?.toString()).toBe('sip:support@example.com');
  });

  it('refuses what cannot be a destination', () => {
    expect(toSipUri('', 'd')).toBeUndefined();
    expect(toSipUri('<b>', 'd')).toBeUndefined();
    expect(toSipUri('a b', 'd')).toBeUndefined();
  });
});

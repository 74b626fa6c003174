import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

describe('backoffDelay', () => {
  it('doubles from one second up to thirty', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(defaultBackoff, attempt, noJitter))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('adds at most the jitter fraction, so clients do not all return at once', () => {
    expect(backoffDelay(defaultBackoff, 1, () => 0.999)).toBe(1200);
    expect(backoffDelay(defaultBackoff, 6, () => 0.5)).toBe(33_000);
  });
});

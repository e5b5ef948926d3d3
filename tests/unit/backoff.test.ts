import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../src/main/core/feeds/backoff';

describe("X's stream reconnect rules", () => {
  it('back off linearly by 250 ms up to 16 s on network errors', () => {
    expect([1, 2, 3].map((n) => reconnectDelayMs('network', n))).toEqual([250, 500, 750]);
    expect(reconnectDelayMs('network', 500)).toBe(16_000);
  });

  it('start at 5 s and double up to 320 s on HTTP errors', () => {
    expect([1, 2, 3, 7, 8].map((n) => reconnectDelayMs('http', n))).toEqual([5_000, 10_000, 20_000, 320_000, 320_000]);
  });

  it('start at 60 s and double on 429', () => {
    expect([1, 2, 3].map((n) => reconnectDelayMs('rate_limit', n))).toEqual([60_000, 120_000, 240_000]);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock, type TimerHandle } from '../../src/shared/clock';
import { nextPostTimeChange, postTime } from '../../src/renderer/src/logic/relative-time';
import { LONGEST_SLEEP_MS, RelativeTimeTicker } from '../../src/renderer/src/logic/relative-time-ticker';

// A relative time on a card is right to the second it shows: "now" turns "5s", then "16s", "1m"
// on time, while one timer serves every card and only ticks each second when seconds are shown.

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wall clock as a person may set it: ManualClock's timers, and a time that can jump back. */
class AdjustableClock implements Clock {
  private readonly timers: ManualClock;
  private offsetMs = 0;

  constructor(start: number) {
    this.timers = new ManualClock(start);
  }

  now(): number {
    return this.timers.now() + this.offsetMs;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.timers.setTimeout(callback, ms);
  }

  clearTimeout(handle: TimerHandle | null | undefined): void {
    this.timers.clearTimeout(handle);
  }

  setBack(ms: number): void {
    this.offsetMs -= ms;
  }

  advance(ms: number): void {
    this.timers.advance(ms);
  }
}

/** A card: the label it shows for a post, redrawn only when the ticker says its now moved on. */
function card(ticker: RelativeTimeTicker, clock: Clock, atMs: number) {
  let now = clock.now();
  let redraws = 0;
  const stop = ticker.follow(atMs, (nowMs) => {
    now = nowMs;
    redraws++;
  });
  return {
    label: () => postTime(new Date(atMs).toISOString(), now, 'en')?.short,
    redraws: () => redraws,
    stop,
  };
}

describe('when a post time label next changes', () => {
  const at = Date.parse('2026-11-25T12:00:00Z');

  it('is the next boundary of the unit the label shows', () => {
    expect(nextPostTimeChange(at, at)).toBe(at + 5 * SECOND);
    expect(nextPostTimeChange(at, at + 4_999)).toBe(at + 5 * SECOND);
    expect(nextPostTimeChange(at, at + 15_400)).toBe(at + 16 * SECOND);
    expect(nextPostTimeChange(at, at + 59_999)).toBe(at + MINUTE);
    expect(nextPostTimeChange(at, at + 5 * MINUTE + 10 * SECOND)).toBe(at + 6 * MINUTE);
    expect(nextPostTimeChange(at, at + 59 * MINUTE)).toBe(at + HOUR);
    expect(nextPostTimeChange(at, at + 23 * HOUR + 1)).toBe(at + 24 * HOUR);
  });

  it('is "now" until five seconds after a post from a clock running ahead', () => {
    expect(nextPostTimeChange(at, at - 30 * SECOND)).toBe(at + 5 * SECOND);
  });

  it('is the new year for a date, when the year is added to it', () => {
    const now = new Date(2026, 10, 25, 12).getTime();
    expect(nextPostTimeChange(new Date(2026, 10, 20).getTime(), now)).toBe(new Date(2027, 0, 1).getTime());
  });

  it('matches the label: just before it the label is the same, at it the label differs', () => {
    const iso = new Date(at).toISOString();
    for (const age of [0, 3 * SECOND, 15_400, 59 * SECOND, 90 * SECOND, 59 * MINUTE + 30 * SECOND, 3 * HOUR, 23 * HOUR + 59 * MINUTE]) {
      const change = nextPostTimeChange(at, at + age);
      expect(postTime(iso, change - 1, 'en')?.short).toBe(postTime(iso, at + age, 'en')?.short);
      expect(postTime(iso, change, 'en')?.short).not.toBe(postTime(iso, at + age, 'en')?.short);
    }
  });
});

describe('relative time ticker', () => {
  it('shows 16s on a post 16 seconds old, and 1m at the minute, with no lag', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T12:00:00.300Z'));
    const ticker = new RelativeTimeTicker(clock);
    const post = card(ticker, clock, clock.now() - 1 * SECOND);
    expect(post.label()).toBe('now');
    clock.advance(4 * SECOND - 1);
    expect(post.label()).toBe('now');
    clock.advance(1);
    expect(post.label()).toBe('5s');
    clock.advance(11 * SECOND);
    expect(post.label()).toBe('16s');
    clock.advance(43 * SECOND);
    expect(post.label()).toBe('59s');
    clock.advance(1 * SECOND);
    expect(post.label()).toBe('1m');
    clock.advance(MINUTE - 1);
    expect(post.label()).toBe('1m');
    clock.advance(1);
    expect(post.label()).toBe('2m');
  });

  it('wakes each second only while a label shows seconds, then once a minute', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T12:00:00Z'));
    const ticker = new RelativeTimeTicker(clock);
    const fresh = card(ticker, clock, clock.now() - 10 * SECOND);
    const oldAt = clock.now() - 5 * MINUTE - 5 * SECOND;
    const old = card(ticker, clock, oldAt);
    expect(ticker.nextWakeMs).toBe(clock.now() + SECOND);
    clock.advance(50 * SECOND);
    expect(fresh.redraws()).toBe(50);
    expect(old.redraws()).toBe(0);
    expect(old.label()).toBe('5m');
    fresh.stop();
    clock.advance(10 * SECOND);
    expect(old.label()).toBe('6m');
    expect(old.redraws()).toBe(1);
    expect(ticker.nextWakeMs).toBe(oldAt + 7 * MINUTE);
  });

  it('redraws an hour-old card once an hour, the timer still checking the clock each minute', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T12:00:00Z'));
    const ticker = new RelativeTimeTicker(clock);
    const post = card(ticker, clock, clock.now() - 2 * HOUR - 10 * MINUTE);
    expect(ticker.nextWakeMs).toBe(clock.now() + LONGEST_SLEEP_MS);
    clock.advance(50 * MINUTE);
    expect(post.redraws()).toBe(1);
    expect(post.label()).toBe('3h');
  });

  it('catches up within a minute when the wall clock is set back', () => {
    const clock = new AdjustableClock(Date.parse('2026-11-25T12:00:00Z'));
    const ticker = new RelativeTimeTicker(clock);
    const post = card(ticker, clock, clock.now() - 4 * HOUR - 10 * MINUTE);
    expect(post.label()).toBe('4h');
    clock.setBack(3 * HOUR);
    clock.advance(LONGEST_SLEEP_MS);
    expect(post.label()).toBe('1h');
  });

  it('stops its timer when no time is on screen', () => {
    const clock = new ManualClock();
    const ticker = new RelativeTimeTicker(clock);
    const post = card(ticker, clock, clock.now());
    expect(clock.pending).toBe(1);
    post.stop();
    expect(clock.pending).toBe(0);
    expect(ticker.nextWakeMs).toBeNull();
  });
});

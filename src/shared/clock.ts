// Time as a port. The core's scheduler and the X API sandbox both take a Clock, so a test can
// run fifteen simulated minutes of polling and rate limits in a second, on one shared clock.

export interface TimerHandle {
  readonly __timer: true;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
}

/** The wall clock and the host's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => {
    if (handle) globalThis.clearTimeout(handle as unknown as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};

interface ManualTimer extends TimerHandle {
  due: number;
  order: number;
  callback: () => void;
}

/**
 * A clock that moves only when told. `advance` fires due timers in time order (ties in the order
 * they were set), moving `now` to each timer's due time before it runs.
 */
export class ManualClock implements Clock {
  private current: number;
  private sequence = 0;
  private readonly timers = new Set<ManualTimer>();

  constructor(start = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { __timer: true, due: this.current + Math.max(0, ms), order: this.sequence++, callback };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle | null | undefined): void {
    if (handle) this.timers.delete(handle as ManualTimer);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /** The due time of the next timer, or null when none is set. */
  nextDue(): number | null {
    let next: number | null = null;
    for (const timer of this.timers) if (next === null || timer.due < next) next = timer.due;
    return next;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (also ones set meanwhile). */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const timer = this.earliestDueBy(target);
      if (!timer) break;
      this.timers.delete(timer);
      this.current = Math.max(this.current, timer.due);
      timer.callback();
    }
    this.current = target;
  }

  private earliestDueBy(limit: number): ManualTimer | null {
    let best: ManualTimer | null = null;
    for (const timer of this.timers) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.order < best.order)) best = timer;
    }
    return best;
  }
}

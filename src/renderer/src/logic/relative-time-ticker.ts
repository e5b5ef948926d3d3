// One timer for every relative time on screen, woken exactly when the soonest label changes:
// every second while a post under a minute old is shown, every minute or hour otherwise.
import type { Clock, TimerHandle } from '../../../shared/clock';
import { nextPostTimeChange } from './relative-time';

/**
 * The longest the timer sleeps even when no label is due sooner, so a wall clock that jumps
 * (a laptop waking, the time zone or clock changed) is caught up within a minute.
 */
export const LONGEST_SLEEP_MS = 60_000;

interface Followed {
  atMs: number;
  dueMs: number;
  update: (nowMs: number) => void;
}

export class RelativeTimeTicker {
  private readonly followed = new Set<Followed>();
  private timer: TimerHandle | null = null;
  private timerDueMs = Number.POSITIVE_INFINITY;

  constructor(private readonly clock: Clock) {}

  /**
   * Calls `update` with the current time whenever the label of a time written at `atMs` changes.
   * Answers the function that stops following it.
   */
  follow(atMs: number, update: (nowMs: number) => void): () => void {
    const entry: Followed = { atMs, dueMs: nextPostTimeChange(atMs, this.clock.now()), update };
    this.followed.add(entry);
    this.schedule();
    return () => {
      this.followed.delete(entry);
      if (this.followed.size === 0) this.cancel();
    };
  }

  /** When the timer is set to wake next (epoch ms), or null when nothing is followed. */
  get nextWakeMs(): number | null {
    return this.timer === null ? null : this.timerDueMs;
  }

  private wake(): void {
    this.timer = null;
    this.timerDueMs = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    for (const entry of this.followed) {
      // The label changed when its next boundary moved: passed, or (a clock set back) ahead of it.
      const dueMs = nextPostTimeChange(entry.atMs, now);
      if (dueMs === entry.dueMs) continue;
      entry.dueMs = dueMs;
      entry.update(now);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.followed.size === 0) return;
    const now = this.clock.now();
    let soonest = now + LONGEST_SLEEP_MS;
    for (const entry of this.followed) soonest = Math.min(soonest, entry.dueMs);
    if (this.timer !== null && this.timerDueMs <= soonest) return;
    this.cancel();
    this.timerDueMs = soonest;
    this.timer = this.clock.setTimeout(() => this.wake(), Math.max(0, soonest - now));
  }

  private cancel(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerDueMs = Number.POSITIVE_INFINITY;
  }
}

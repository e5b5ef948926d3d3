// The leader's timer for scheduled posts: set for the next one due (read from the outbox, so a new
// leader or a restarted hub picks the time up from the store), it drains what is due and sets
// itself again. Long waits are cut into steps, so a post scheduled from another hub process is
// never later than MAX_WAIT_MS.
import type { HubDb } from '../db/schema';
import { nextScheduledAt } from '../queries/outbox';

/** The longest the timer sleeps: another hub process may have scheduled something sooner. */
const MAX_WAIT_MS = 60_000;

export class ScheduledSends {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly deps: {
      db: HubDb;
      now(): number;
      /** Sends what is due (the outbox's drain). */
      drain(): Promise<void>;
      logError(message: string, error: unknown): void;
    },
  ) {}

  /** Leading: the timer runs from the next time in the store. */
  start(): Promise<void> {
    this.running = true;
    return this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The schedule changed (a post scheduled, cancelled, retried): the timer is set again. */
  async arm(): Promise<void> {
    if (!this.running) return;
    try {
      const due = await nextScheduledAt(this.deps.db);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (due === null || !this.running) return;
      const wait = Math.min(Math.max(0, due - this.deps.now()), MAX_WAIT_MS);
      this.timer = setTimeout(() => void this.fire(), wait);
      this.timer.unref();
    } catch (error) {
      this.deps.logError('hub: reading the next scheduled post failed', error);
    }
  }

  private async fire(): Promise<void> {
    this.timer = null;
    try {
      await this.deps.drain();
    } catch (error) {
      this.deps.logError('hub: sending scheduled posts failed', error);
    }
    await this.arm();
  }
}

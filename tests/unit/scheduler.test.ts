// The scheduler against a model of X's fixed 15-minute windows, on a ManualClock.
import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, type RateLimitInfo } from '../../src/main/core/feeds/rate-budget';
import { Scheduler, type BudgetKey, type JobContext } from '../../src/main/core/feeds/scheduler';
import { ManualClock } from '../../src/shared/clock';

/** X's counter for one budget: a window opens with the first request and resets 15 minutes later. */
class XWindow {
  private opened = -Infinity;
  private used = 0;
  readonly accepted: number[] = [];
  rejected = 0;
  constructor(
    private readonly clock: ManualClock,
    private readonly limit: number,
  ) {}
  request(): { ok: boolean; info: RateLimitInfo } {
    const now = this.clock.now();
    if (now >= this.opened + RATE_WINDOW_MS) {
      this.opened = now;
      this.used = 0;
    }
    const ok = this.used < this.limit;
    if (ok) {
      this.used += 1;
      this.accepted.push(now);
    } else this.rejected += 1;
    return { ok, info: { limit: this.limit, remaining: this.limit - this.used, reset: Math.ceil((this.opened + RATE_WINDOW_MS) / 1000) } };
  }
  /** Most requests X accepted in any 15-minute span. */
  busiestWindow(): number {
    let best = 0;
    for (let i = 0, j = 0; j < this.accepted.length; j++) {
      while (this.accepted[j]! - this.accepted[i]! >= RATE_WINDOW_MS) i++;
      best = Math.max(best, j - i + 1);
    }
    return best;
  }
}

async function runFor(clock: ManualClock, scheduler: Scheduler, ms: number, step = 1_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await scheduler.settled();
  }
}

const user = (accountId: string, endpoint: BudgetKey['endpoint'] = 'search'): BudgetKey => ({ endpoint, scope: { accountId } });

function pollingJob(x: XWindow, runs: Map<string, number>, id: string, pages = 1) {
  return async (context: JobContext) => {
    for (let page = 0; page < pages; page++) {
      if (page > 0) await context.acquire();
      const answer = x.request();
      if (!answer.ok) {
        context.rateLimited(answer.info);
        return;
      }
      context.observe(answer.info);
    }
    runs.set(id, (runs.get(id) ?? 0) + 1);
  };
}

describe('the column scheduler', () => {
  it("shares one user's search budget across ten columns for 45 minutes without a 429, fairly", async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const x = new XWindow(clock, 300);
    const runs = new Map<string, number>();
    for (let i = 0; i < 10; i++) scheduler.add({ id: `c${i}`, budget: user('1'), intervalMs: 1_000, run: pollingJob(x, runs, `c${i}`) });
    await runFor(clock, scheduler, 3 * RATE_WINDOW_MS);
    scheduler.stop();
    expect(x.rejected).toBe(0);
    expect(x.busiestWindow()).toBeLessThanOrEqual(300);
    // Most of the budget is used: about 85% steady plus the burst.
    expect(x.accepted.length).toBeGreaterThan(3 * 300 * 0.8);
    const counts = [...runs.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
  });

  it('keeps within the budget when runs follow pages (each page is a request)', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const x = new XWindow(clock, 300);
    const runs = new Map<string, number>();
    for (let i = 0; i < 4; i++) scheduler.add({ id: `c${i}`, budget: user('1'), intervalMs: 0, run: pollingJob(x, runs, `c${i}`, 3) });
    await runFor(clock, scheduler, 2 * RATE_WINDOW_MS);
    scheduler.stop();
    expect(x.rejected).toBe(0);
    expect(x.busiestWindow()).toBeLessThanOrEqual(300);
  });

  it("learns a lower limit from X's headers (basic tier) and still never hits a 429", async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const x = new XWindow(clock, 10); // mentions on the basic tier: 10 per user per 15 min
    const runs = new Map<string, number>();
    scheduler.add({ id: 'mentions', budget: user('1', 'mentions'), intervalMs: 0, run: pollingJob(x, runs, 'mentions') });
    await runFor(clock, scheduler, 2 * RATE_WINDOW_MS);
    expect(scheduler.windowLimit(user('1', 'mentions'))).toBe(10);
    scheduler.stop();
    expect(x.rejected).toBe(0);
    expect(runs.get('mentions')).toBeGreaterThanOrEqual(16);
  });

  it('after a 429 waits for the reset X announced, then resumes', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const x = new XWindow(clock, 300);
    const elsewhere = 295; // another app instance spent most of the window already
    for (let i = 0; i < elsewhere; i++) x.request();
    const runs = new Map<string, number>();
    scheduler.add({ id: 'c', budget: user('1'), intervalMs: 0, run: pollingJob(x, runs, 'c') });
    await runFor(clock, scheduler, 60_000);
    const rejectedEarly = x.rejected;
    const acceptedEarly = x.accepted.length;
    expect(rejectedEarly).toBeLessThanOrEqual(1); // headers said 0 left after the 5th: no more tries
    expect(acceptedEarly).toBe(300);
    await runFor(clock, scheduler, RATE_WINDOW_MS);
    scheduler.stop();
    expect(x.rejected).toBe(rejectedEarly);
    expect(x.accepted.length).toBeGreaterThan(acceptedEarly);
  });

  it('keeps budgets apart: users, endpoints and the app each have their own', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const windows = [new XWindow(clock, 300), new XWindow(clock, 300), new XWindow(clock, 15), new XWindow(clock, 450)];
    const keys: BudgetKey[] = [user('1'), user('2'), user('1', 'dmEvents'), { endpoint: 'search', scope: 'app' }];
    const runs = new Map<string, number>();
    keys.forEach((key, i) => scheduler.add({ id: `j${i}`, budget: key, intervalMs: 0, run: pollingJob(windows[i]!, runs, `j${i}`) }));
    await runFor(clock, scheduler, RATE_WINDOW_MS);
    scheduler.stop();
    expect(windows.map((w) => w.rejected)).toEqual([0, 0, 0, 0]);
    expect(windows[0]!.accepted.length).toBeGreaterThan(250);
    expect(windows[1]!.accepted.length).toBeGreaterThan(250);
    expect(windows[2]!.accepted.length).toBeLessThanOrEqual(15);
    expect(windows[3]!.accepted.length).toBeGreaterThan(380);
  });

  it('runs gap fills before routine polls, and paused jobs not at all', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const order: string[] = [];
    let release: () => void = () => {};
    scheduler.add({ id: 'blocker', budget: user('1'), intervalMs: RATE_WINDOW_MS, run: () => new Promise<void>((resolve) => (release = resolve)) });
    scheduler.add({ id: 'paused', budget: user('1'), intervalMs: 10_000, enabled: false, run: async () => void order.push('paused') });
    scheduler.add({ id: 'poll', budget: user('1'), intervalMs: 10_000, run: async () => void order.push('poll') });
    const fill = scheduler.runOnce({ id: 'fill', budget: user('1'), priority: 10, run: async () => void order.push('fill') });
    release();
    await fill;
    await runFor(clock, scheduler, 30_000);
    scheduler.stop();
    expect(order.slice(0, 2)).toEqual(['fill', 'poll']);
    expect(order).not.toContain('paused');
  });
});

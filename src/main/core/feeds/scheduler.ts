// Shares each X endpoint's 15-minute budget (per user, per app) across the columns that poll it.
// One request at a time per budget, round robin among due jobs (higher priority first), paced
// by a token bucket that X's headers correct, and closed until the reset after a 429. All time
// comes from the Clock, so a test runs fifteen minutes of polling in a second.
import type { Clock, TimerHandle } from '../../../shared/clock';
import { RateBudget, type RateLimitInfo } from './rate-budget';

export type Endpoint = 'search' | 'mentions' | 'userPosts' | 'dmEvents';

/** X's documented limits per 15 minutes (../shared/x-api/README.md; user posts from X's rate-limit table). */
export const X_RATE_LIMITS: Readonly<Record<Endpoint, { user: number; app: number | null }>> = {
  search: { user: 300, app: 450 },
  mentions: { user: 300, app: 450 },
  userPosts: { user: 900, app: 1_500 },
  dmEvents: { user: 15, app: null },
};

/** Whose budget a request spends: the app's (app Bearer token) or one user's (their token). */
export interface BudgetKey {
  endpoint: Endpoint;
  scope: 'app' | { accountId: string };
}

export const budgetId = (key: BudgetKey) => `${key.endpoint}:${key.scope === 'app' ? 'app' : `user:${key.scope.accountId}`}`;

export interface JobContext {
  /** Waits until the budget allows one more request (the job's first request is granted before it runs). */
  acquire(): Promise<void>;
  /** Hands over X's rate-limit headers of an answer. */
  observe(info: RateLimitInfo | undefined): void;
  /** X answered 429: closes the budget; returns when it reopens (epoch ms). */
  rateLimited(info: RateLimitInfo | undefined): number;
}

export interface JobSpec {
  id: string;
  budget: BudgetKey;
  /** Higher runs first among due jobs of a budget (gap fills before routine polls). */
  priority?: number;
  /** Least time between two starts of this job. */
  intervalMs: number;
  /** False: registered but not run until enabled (a paused handle's column). Default true. */
  enabled?: boolean;
  run(context: JobContext): Promise<void>;
}

interface Job extends JobSpec {
  dueAt: number;
  enabled: boolean;
  lastStart: number;
  once?: { resolve(): void; reject(error: unknown): void };
}

interface Budget {
  rate: RateBudget;
  jobs: Set<Job>;
  busy: boolean;
}

export class SchedulerStopped extends Error {
  constructor() {
    super('The column scheduler stopped');
  }
}

export class Scheduler {
  private readonly budgets = new Map<string, Budget>();
  private readonly jobs = new Map<string, Job>();
  private readonly waiting = new Set<{ timer: TimerHandle; reject(error: unknown): void }>();
  private timer: TimerHandle | null = null;
  private active = 0;
  private stopped = false;

  constructor(private readonly clock: Clock) {}

  /** A job that runs again `intervalMs` after each start, for as long as it is registered. */
  add(spec: JobSpec): void {
    this.remove(spec.id);
    const job: Job = { ...spec, dueAt: this.clock.now(), enabled: spec.enabled ?? true, lastStart: 0 };
    this.jobs.set(job.id, job);
    this.budget(spec.budget).jobs.add(job);
    this.pump();
  }

  /** A job that runs once, as soon as its budget allows; resolves when it has run. */
  runOnce(spec: Omit<JobSpec, 'intervalMs'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.remove(spec.id);
      const job: Job = { ...spec, intervalMs: 0, dueAt: this.clock.now(), enabled: true, lastStart: 0, once: { resolve, reject } };
      this.jobs.set(job.id, job);
      this.budget(spec.budget).jobs.add(job);
      this.pump();
    });
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  remove(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    this.budgets.get(budgetId(job.budget))?.jobs.delete(job);
    job.once?.resolve();
  }

  /** Paused jobs keep their place but do not run (a paused account's columns). */
  setEnabled(id: string, enabled: boolean): void {
    const job = this.jobs.get(id);
    if (!job || job.enabled === enabled) return;
    job.enabled = enabled;
    if (enabled) this.pump();
  }

  /** A new least time between starts, counted from the last start (a shorter one may make it due now). */
  setInterval(id: string, intervalMs: number): void {
    const job = this.jobs.get(id);
    if (!job || job.intervalMs === intervalMs) return;
    job.intervalMs = intervalMs;
    if (job.lastStart > 0) job.dueAt = job.lastStart + intervalMs;
    this.pump();
  }

  /** Runs the job at the next chance its budget gives, instead of after its interval. */
  hurry(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    job.dueAt = Math.min(job.dueAt, this.clock.now());
    this.pump();
  }

  /** Resolves once no job is doing work that does not wait on the clock (tests with a ManualClock). */
  async settled(): Promise<void> {
    while (this.active > 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /** The budget's X limit as last learned (tests, settings). */
  windowLimit(key: BudgetKey): number | null {
    return this.budgets.get(budgetId(key))?.rate.windowLimit ?? null;
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    for (const wait of this.waiting) {
      this.clock.clearTimeout(wait.timer);
      this.active += 1; // the job is running again, to its end
      wait.reject(new SchedulerStopped());
    }
    this.waiting.clear();
    for (const job of this.jobs.values()) job.once?.reject(new SchedulerStopped());
    this.jobs.clear();
    this.budgets.clear();
  }

  private budget(key: BudgetKey): Budget {
    const id = budgetId(key);
    let budget = this.budgets.get(id);
    if (!budget) {
      const limits = X_RATE_LIMITS[key.endpoint];
      const limit = key.scope === 'app' ? (limits.app ?? limits.user) : limits.user;
      budget = { rate: new RateBudget(limit, this.clock.now()), jobs: new Set(), busy: false };
      this.budgets.set(id, budget);
    }
    return budget;
  }

  private pump(): void {
    if (this.stopped) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    const now = this.clock.now();
    let wake = Infinity;
    for (const budget of this.budgets.values()) {
      if (budget.busy) continue;
      const job = this.nextJob(budget);
      if (!job) continue;
      const start = Math.max(job.dueAt, budget.rate.earliestStart(now));
      if (start > now) {
        wake = Math.min(wake, start);
        continue;
      }
      budget.rate.take(now);
      this.start(budget, job);
    }
    if (wake !== Infinity) this.timer = this.clock.setTimeout(() => this.pump(), wake - now);
  }

  /** The enabled job to run next: highest priority, then the one waiting longest. */
  private nextJob(budget: Budget): Job | null {
    let best: Job | null = null;
    for (const job of budget.jobs) {
      if (!job.enabled) continue;
      const rank = (j: Job) => [-(j.priority ?? 0), j.dueAt, j.lastStart] as const;
      if (!best) best = job;
      else {
        const [a, b] = [rank(job), rank(best)];
        if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = job;
      }
    }
    return best;
  }

  private start(budget: Budget, job: Job): void {
    budget.busy = true;
    const started = this.clock.now();
    job.lastStart = started;
    this.active += 1;
    const context: JobContext = {
      acquire: () => this.acquire(budget),
      observe: (info) => budget.rate.observe(info, this.clock.now()),
      rateLimited: (info) => budget.rate.rateLimited(info, this.clock.now()),
    };
    let failure: unknown = null;
    job
      .run(context)
      .catch((error: unknown) => {
        failure = error;
      })
      .finally(() => {
        this.active -= 1;
        budget.busy = false;
        job.dueAt = Math.max(this.clock.now(), started + job.intervalMs);
        if (job.once && this.jobs.get(job.id) === job) {
          this.remove(job.id);
          if (failure && !(failure instanceof SchedulerStopped)) job.once.reject(failure);
          else job.once.resolve();
        }
        this.pump();
      });
  }

  private acquire(budget: Budget): Promise<void> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        if (this.stopped) {
          this.active += 1;
          return reject(new SchedulerStopped());
        }
        const now = this.clock.now();
        const start = budget.rate.earliestStart(now);
        if (start <= now) {
          budget.rate.take(now);
          this.active += 1;
          return resolve();
        }
        const wait = { timer: this.clock.setTimeout(() => this.waiting.delete(wait) && attempt(), start - now), reject };
        this.waiting.add(wait);
      };
      this.active -= 1; // waiting on the clock is not work in flight
      attempt();
    });
  }
}

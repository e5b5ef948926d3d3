// One X rate-limit budget (an endpoint for one user, or for the app): a token bucket that spends
// at most ~95% of X's 15-minute allowance in any window, corrected by X's own x-rate-limit-*
// headers, and closed until the reset after a 429.

/** X's 15-minute rate-limit window. */
export const RATE_WINDOW_MS = 15 * 60_000;

/** Of X's limit per window: the steady share, and the burst a bucket may spend at once. */
const STEADY_SHARE = 0.85;
const BURST_SHARE = 0.1;
/** X's reset is in whole seconds; wait a little past it so the new window has surely opened. */
const RESET_MARGIN_MS = 1_000;
/** A 429 without headers: wait this long (then double), like the stream's rate-limit rule. */
const UNKNOWN_RESET_MS = 60_000;

/** X's x-rate-limit-* headers, as twitter-api-v2 reads them (reset in epoch seconds). */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  reset: number;
}

export class RateBudget {
  private tokens: number;
  private capacity = 1;
  private refillPerMs = 0;
  private lastRefill: number;
  /** From X's headers: requests left until `resetAt` (ms); null when unknown or past. */
  private remaining: number | null = null;
  private resetAt = 0;
  private closedUntil = 0;
  private consecutive429 = 0;

  constructor(
    private limit: number,
    now: number,
  ) {
    this.configure(limit);
    this.tokens = this.capacity;
    this.lastRefill = now;
  }

  /** X's limit per window as last seen (from headers, or the documented figure). */
  get windowLimit(): number {
    return this.limit;
  }

  /** The earliest time a request may start. */
  earliestStart(now: number): number {
    this.refill(now);
    let start = now;
    if (this.tokens < 1) start = now + Math.ceil((1 - this.tokens) / this.refillPerMs);
    if (this.remaining !== null && this.remaining <= 0 && now < this.resetAt) start = Math.max(start, this.resetAt);
    return Math.max(start, this.closedUntil);
  }

  /** Spends one request. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
    if (this.remaining !== null) this.remaining -= 1;
  }

  /** X's answer headers: the truth about this window. */
  observe(info: RateLimitInfo | undefined, now: number): void {
    if (!info || !Number.isFinite(info.remaining) || !Number.isFinite(info.reset)) return;
    this.consecutive429 = 0;
    if (Number.isFinite(info.limit) && info.limit > 0 && info.limit !== this.limit) {
      this.configure(info.limit);
      this.tokens = Math.min(this.tokens, this.capacity);
    }
    const resetAt = info.reset * 1000 + RESET_MARGIN_MS;
    if (resetAt <= now) return;
    this.remaining = info.remaining;
    this.resetAt = resetAt;
  }

  /** X answered 429: closed until its reset (or, without headers, 60 s doubling). */
  rateLimited(info: RateLimitInfo | undefined, now: number): number {
    this.consecutive429 += 1;
    const reset = info && Number.isFinite(info.reset) ? info.reset * 1000 + RESET_MARGIN_MS : 0;
    this.closedUntil = reset > now ? reset : now + UNKNOWN_RESET_MS * 2 ** (this.consecutive429 - 1);
    this.remaining = 0;
    this.resetAt = this.closedUntil;
    this.tokens = Math.min(this.tokens, 0);
    return this.closedUntil;
  }

  private configure(limit: number): void {
    this.limit = limit;
    this.capacity = Math.max(1, Math.floor(limit * BURST_SHARE));
    this.refillPerMs = (limit * STEADY_SHARE) / RATE_WINDOW_MS;
  }

  private refill(now: number): void {
    if (now > this.lastRefill) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.refillPerMs);
      this.lastRefill = now;
    }
    if (this.remaining !== null && now >= this.resetAt) this.remaining = null;
  }
}

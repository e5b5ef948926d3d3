// Fixed-window request counters, as X keeps them: a window opens with the first request and
// resets `windowMs` later. All time comes from the injected clock.
import type { Clock } from '../../shared/clock';

export interface WindowState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets (x-rate-limit-reset). */
  reset: number;
}

interface Window {
  opened: number;
  used: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock) {}

  /** Counts one request against `key`; `allowed` is false (and nothing counted) when spent. */
  take(key: string, limit: number, windowMs: number): WindowState & { allowed: boolean } {
    const window = this.current(key, windowMs);
    const allowed = window.used < limit;
    if (allowed) window.used += 1;
    return { allowed, ...this.state(window, limit, windowMs) };
  }

  /** The window's state without counting a request. */
  peek(key: string, limit: number, windowMs: number): WindowState {
    return this.state(this.current(key, windowMs), limit, windowMs);
  }

  private current(key: string, windowMs: number): Window {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || now >= window.opened + windowMs) {
      window = { opened: now, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private state(window: Window, limit: number, windowMs: number): WindowState {
    return { limit, remaining: Math.max(0, limit - window.used), reset: Math.ceil((window.opened + windowMs) / 1000) };
  }
}

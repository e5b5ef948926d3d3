// Live posts are applied to the deck in batches: right away when the deck has been quiet, then
// at most once per interval, every column in the same tick. At hundreds of posts a second the
// deck then redraws a few times a second instead of on every frame for every column.
import type { Clock, TimerHandle } from '../../../shared/clock';

export interface LiveBatcher<T> {
  add(key: string, items: readonly T[]): void;
  /** Drops what waits for `key` (its column is gone or was reloaded from the store). */
  forget(key: string): void;
}

export function liveBatcher<T>(options: { clock: Clock; intervalMs: number; flush: (batches: ReadonlyMap<string, readonly T[]>) => void }): LiveBatcher<T> {
  const { clock, intervalMs } = options;
  let pending = new Map<string, T[]>();
  let timer: TimerHandle | null = null;
  let lastFlush = Number.NEGATIVE_INFINITY;

  function run(): void {
    timer = null;
    lastFlush = clock.now();
    const batches = pending;
    pending = new Map();
    if (batches.size > 0) options.flush(batches);
  }

  return {
    add(key, items) {
      if (items.length === 0) return;
      const list = pending.get(key);
      if (list) list.push(...items);
      else pending.set(key, [...items]);
      if (timer !== null) return;
      timer = clock.setTimeout(run, Math.max(0, lastFlush + intervalMs - clock.now()));
    },
    forget(key) {
      pending.delete(key);
    },
  };
}

// Search as you type: wait until typing pauses, and use only the answer to the latest question
// (an earlier, slower answer arriving last must not replace a newer one).
import type { Clock, TimerHandle } from '../../../shared/clock';

export interface LatestRequest<Q> {
  /** Asks `query` after the pause; earlier pending questions are dropped. */
  ask(query: Q): void;
  /** Forgets any pending question and ignores answers still on their way. */
  cancel(): void;
}

export function latestRequest<Q, A>(options: {
  clock: Clock;
  delayMs: number;
  run: (query: Q) => Promise<A>;
  answer: (query: Q, result: A) => void;
}): LatestRequest<Q> {
  let timer: TimerHandle | null = null;
  let generation = 0;
  const cancel = () => {
    generation++;
    options.clock.clearTimeout(timer);
    timer = null;
  };
  return {
    ask(query) {
      cancel();
      const mine = generation;
      timer = options.clock.setTimeout(() => {
        timer = null;
        void options.run(query).then((result) => {
          if (mine === generation) options.answer(query, result);
        });
      }, options.delayMs);
    },
    cancel,
  };
}

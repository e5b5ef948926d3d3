// One shared, coarse "now" for relative post times: a single timer for every card on screen.
import { onScopeDispose, ref, type Ref } from 'vue';
import { systemClock, type TimerHandle } from '../../../shared/clock';

const TICK_MS = 15_000;
const now = ref(systemClock.now());
let users = 0;
let timer: TimerHandle | null = null;

function tick(): void {
  now.value = systemClock.now();
  timer = systemClock.setTimeout(tick, TICK_MS);
}

export function useNow(): Readonly<Ref<number>> {
  if (users++ === 0) tick();
  onScopeDispose(() => {
    if (--users === 0) systemClock.clearTimeout(timer);
  });
  return now;
}

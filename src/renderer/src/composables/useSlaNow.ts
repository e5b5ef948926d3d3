// "Now" for SLA timers on screen: one shared timer, every 30 seconds while some card shows a timer
// (SLA labels count whole minutes; half a minute keeps them at most that late).
import { onScopeDispose, ref, type Ref } from 'vue';
import { systemClock, type TimerHandle } from '../../../shared/clock';

const TICK_MS = 30_000;
const now = ref(systemClock.now());
let followers = 0;
let timer: TimerHandle | null = null;

function tick(): void {
  now.value = systemClock.now();
  timer = systemClock.setTimeout(tick, TICK_MS);
}

export function useSlaNow(): Readonly<Ref<number>> {
  if (followers++ === 0) tick();
  onScopeDispose(() => {
    if (--followers > 0) return;
    systemClock.clearTimeout(timer);
    timer = null;
  });
  return now;
}

// "Now" for one relative time on screen, moved on exactly when that time's label changes. Every
// card shares one timer, which ticks each second only while some card shows seconds.
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { systemClock } from '../../../shared/clock';
import { RelativeTimeTicker } from '../logic/relative-time-ticker';

const ticker = new RelativeTimeTicker(systemClock);

/** `writtenAt` is the ISO time the label is about; a card reused for another post follows the new one. */
export function useNow(writtenAt: () => string): Readonly<Ref<number>> {
  const now = ref(systemClock.now());
  let stop: (() => void) | null = null;
  watch(
    writtenAt,
    (iso) => {
      stop?.();
      stop = null;
      now.value = systemClock.now();
      const atMs = Date.parse(iso);
      if (!Number.isNaN(atMs)) stop = ticker.follow(atMs, (nowMs) => (now.value = nowMs));
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
  return now;
}

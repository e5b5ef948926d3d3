// Unread counts per column (posts newer than the column's read marker, after filters), as the
// badges and the window title show them.
import { defineStore } from 'pinia';
import { ref, shallowReactive, shallowRef } from 'vue';
import { systemClock } from '../../../shared/clock';
import type { UnreadCount } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { liveBatcher } from '../logic/live-batcher';
import { applyUnreadCounts, shownUnread } from '../logic/unread';

/** Counts change with every live post; badges follow at the pace of the columns themselves. */
const BADGE_BATCH_MS = 100;

export const useUnreadStore = defineStore('unread', () => {
  const { api } = useBridge();
  const counts = shallowRef<Readonly<Record<string, number>>>({});

  /**
   * Columns scrolled to the top in a visible window are read live: their posts are marked read
   * within a moment, so a badge would only flicker. They count again once the agent looks away.
   */
  const following = shallowReactive(new Set<string>());
  const pageVisible = ref(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', () => (pageVisible.value = document.visibilityState === 'visible'));

  const countOf = (columnId: string): number => counts.value[columnId] ?? 0;
  const shownCountOf = (columnId: string): number => shownUnread(countOf(columnId), following.has(columnId), pageVisible.value);

  function setFollowing(columnId: string, on: boolean): void {
    if (on) following.add(columnId);
    else following.delete(columnId);
  }

  const badges = liveBatcher<UnreadCount>({
    clock: systemClock,
    intervalMs: BADGE_BATCH_MS,
    flush: (batches) => (counts.value = applyUnreadCounts(counts.value, [...batches.values()].map((changes) => changes[changes.length - 1]!))),
  });

  function receive(changed: readonly UnreadCount[]): void {
    for (const count of changed) badges.add(count.columnId, [count]);
  }

  async function load(): Promise<string | null> {
    const result = await api.listUnreadCounts({});
    if (!result.ok) return result.error.message;
    counts.value = applyUnreadCounts({}, result.value);
    return null;
  }

  return { counts, countOf, shownCountOf, setFollowing, receive, load };
});

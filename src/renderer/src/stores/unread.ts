// Unread counts per column (posts newer than the column's read marker, after filters), and moving
// that marker forward as the agent reads.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { UnreadCount } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { applyUnreadCounts } from '../logic/unread';

export const useUnreadStore = defineStore('unread', () => {
  const { api } = useBridge();
  const counts = shallowRef<Readonly<Record<string, number>>>({});

  const countOf = (columnId: string): number => counts.value[columnId] ?? 0;

  function receive(changed: readonly UnreadCount[]): void {
    counts.value = applyUnreadCounts(counts.value, changed);
  }

  async function load(): Promise<string | null> {
    const result = await api.listUnreadCounts({});
    if (!result.ok) return result.error.message;
    counts.value = applyUnreadCounts({}, result.value);
    return null;
  }

  return { counts, countOf, receive, load };
});

// Unread counts as the deck shows them: per column badges and the window title.
import { UNREAD_COUNT_CAP, type UnreadCount } from '../../../shared/domain';

/** "7", or "999+" at the core's cap (it stops counting there). */
export function formatUnread(count: number): string {
  return count >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP}+` : String(Math.max(0, count));
}

/** What a badge says to a screen reader. */
export function unreadLabel(count: number): string {
  return `${formatUnread(count)} unread`;
}

/** Every column's count added up, only over the columns that exist (and not collapsed ones twice). */
export function totalUnread(counts: Readonly<Record<string, number>>, columnIds: Iterable<string>): number {
  let total = 0;
  for (const id of columnIds) total += counts[id] ?? 0;
  return total;
}

/** "(12) Deckhand" while something is unread, "Deckhand" otherwise. */
export function documentTitle(base: string, total: number): string {
  return total > 0 ? `(${formatUnread(total)}) ${base}` : base;
}

/** Applies counts that changed to the map of all counts; the same object when nothing changed. */
export function applyUnreadCounts(current: Readonly<Record<string, number>>, changed: readonly UnreadCount[]): Readonly<Record<string, number>> {
  const differs = changed.some(({ columnId, count }) => current[columnId] !== count);
  if (!differs) return current;
  const next = { ...current };
  for (const { columnId, count } of changed) next[columnId] = count;
  return next;
}

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

/**
 * What a badge shows: a column at the top of a visible window is being read live (its posts are
 * marked read a moment later), so it shows nothing rather than a count that flickers.
 */
export function shownUnread(count: number, following: boolean, pageVisible: boolean): number {
  return following && pageVisible ? 0 : count;
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

// Where the reader is in a newest-first column: how many posts arrived above them, where the
// "read up to here" marker goes, and what to tell the core about the reading position.
import type { ScrollPosition } from '../../../shared/domain';
import { compareIdsNewestFirst } from '../../../shared/ids';

interface HasId {
  id: string;
}

/** Index of the first post not newer than `id` (= how many posts are newer). Binary search: the list is sorted. */
export function countNewerThan(posts: readonly HasId[], id: string | null): number {
  if (id === null) return posts.length;
  let low = 0;
  let high = posts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIdsNewestFirst(posts[middle]!.id, id) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** "Show 1 new post", "Show 12 new posts": the control's name starts with "Show" and says "new". */
export function newPostsLabel(count: number): string {
  return `Show ${count} new post${count === 1 ? '' : 's'}`;
}

/**
 * The row above which the "new since you last read" marker is drawn: the first post the reader
 * had read. Null when there is nothing unread or nothing read yet (no line to draw).
 */
export function unreadMarkerIndex(posts: readonly HasId[], lastReadId: string | null): number | null {
  if (lastReadId === null || posts.length === 0) return null;
  const index = countNewerThan(posts, lastReadId);
  return index > 0 && index < posts.length ? index : null;
}

/** The newer of two ids (either may be null). */
export function newerId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareIdsNewestFirst(a, b) <= 0 ? a : b;
}

/**
 * What the reader has now seen: everything from the post at the top of the viewport down. The
 * marker only moves forward, so scrolling back down never un-reads anything.
 */
export function readUpTo(topVisibleId: string | null, lastReadId: string | null): string | null {
  const next = newerId(topVisibleId, lastReadId);
  return next !== null && next !== lastReadId ? next : null;
}

/** The position to store; at the top, no anchor: the column opens on its newest posts. */
export function scrollPositionOf(atTop: boolean, anchor: { id: string; offsetPx: number } | null): ScrollPosition {
  if (atTop || !anchor) return { anchorPostId: null, offsetPx: 0 };
  return { anchorPostId: anchor.id, offsetPx: Math.round(anchor.offsetPx) };
}

export const samePosition = (a: ScrollPosition, b: ScrollPosition): boolean => a.anchorPostId === b.anchorPostId && a.offsetPx === b.offsetPx;

/**
 * Whether the column must page further back to reach a stored anchor: the anchor is older than
 * every loaded post and older pages exist.
 */
export function needsOlderForAnchor(posts: readonly HasId[], anchorId: string | null, hasOlder: boolean): boolean {
  if (anchorId === null || !hasOlder || posts.length === 0) return false;
  return compareIdsNewestFirst(posts[posts.length - 1]!.id, anchorId) < 0;
}

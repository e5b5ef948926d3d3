// Column timelines are kept newest first. Post ids are X snowflakes: decimal strings that grow
// with time, longer than JavaScript's safe integers, so they are compared as strings.
import type { PostView } from '../../../shared/domain';
import { compareIdsNewestFirst } from '../../../shared/ids';

function sortedUnique(posts: readonly PostView[]): PostView[] {
  const sorted = [...posts].sort((a, b) => compareIdsNewestFirst(a.id, b.id));
  return sorted.filter((post, index) => index === 0 || sorted[index - 1]!.id !== post.id);
}

/**
 * Merges incoming posts into a newest-first timeline, each id once. The timeline already shown
 * keeps its objects (and so its rendered cards) when the same post arrives again.
 * Returns the same array when nothing is new, so callers can skip an update.
 */
export function mergeNewestFirst(timeline: readonly PostView[], incoming: readonly PostView[]): readonly PostView[] {
  if (incoming.length === 0) return timeline;
  const fresh = sortedUnique(incoming);
  const head = timeline[0];
  // The common case: everything that arrived is newer than what is shown.
  if (!head || compareIdsNewestFirst(fresh[fresh.length - 1]!.id, head.id) < 0) return [...fresh, ...timeline];

  const merged: PostView[] = [];
  let i = 0;
  let j = 0;
  while (i < timeline.length || j < fresh.length) {
    const shown = timeline[i];
    const next = fresh[j];
    const order = !shown ? 1 : !next ? -1 : compareIdsNewestFirst(shown.id, next.id);
    if (order <= 0) {
      merged.push(shown!);
      i++;
      if (order === 0) j++;
    } else {
      merged.push(next!);
      j++;
    }
  }
  return merged.length === timeline.length ? timeline : merged;
}

/** The oldest post shown, for paging further back. */
export function oldestId(timeline: readonly PostView[]): string | null {
  return timeline.length > 0 ? timeline[timeline.length - 1]!.id : null;
}

export interface TimelinePage {
  posts: readonly PostView[];
  /** Whether older posts may exist beyond the oldest one kept. */
  hasOlder: boolean;
}

/**
 * Puts a fresh page of the newest posts (as after a reconnection) over what is shown. When the
 * page is full and does not reach back to the newest post shown, posts in between are unknown:
 * the page replaces the timeline rather than leave a silent hole in it, and older posts page in
 * again on demand.
 */
export function applyNewestPage(timeline: TimelinePage, page: readonly PostView[], pageSize: number): TimelinePage {
  const pageFull = page.length >= pageSize;
  const newestShown = timeline.posts[0];
  const oldestInPage = page[page.length - 1];
  if (pageFull && newestShown && oldestInPage && compareIdsNewestFirst(oldestInPage.id, newestShown.id) < 0) {
    return { posts: mergeNewestFirst([], page), hasOlder: true };
  }
  // A full page may have more behind it; asking once more costs less than hiding posts.
  return { posts: mergeNewestFirst(timeline.posts, page), hasOlder: timeline.hasOlder || pageFull };
}

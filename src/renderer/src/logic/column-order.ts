// A column's posts in the order it shows them. The timeline store keeps every column newest first
// (merging live posts and pages by id); a "Priority first" column is shown, and paged, by priority.
import { comparePriorityFirst } from '../../../shared/column-filters';
import type { ColumnSort, PostView } from '../../../shared/domain';

/** The posts as the column shows them: the same array when newest first. */
export function orderedPosts(posts: readonly PostView[], sort: ColumnSort): readonly PostView[] {
  return sort === 'priority' ? [...posts].sort(comparePriorityFirst) : posts;
}

/** The post the next page goes on after: the last one the column shows. */
export function lastShownId(posts: readonly PostView[], sort: ColumnSort): string | null {
  const ordered = orderedPosts(posts, sort);
  return ordered.length > 0 ? ordered[ordered.length - 1]!.id : null;
}

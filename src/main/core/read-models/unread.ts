// Unread counts per column: posts (after filters and mutes) newer than the column's unread
// marker, capped. Counted from the store when asked or when the marker or filters move; kept up
// to date from the core's own columnPosts / columnDmEvents events, and announced as unreadCounts.
import { UNREAD_COUNT_CAP, type Column, type UnreadCount } from '../../../shared/domain';
import type { PostPredicate } from '../../../shared/column-filters';
import { archiveMatchesAfter } from '../archive/search';
import type { DomainEvents } from '../domain-events';
import { isNewer } from '../../../shared/ids';
import type { Database } from '../store/database';
import { countColumnDmEventsAfter } from '../store/dm-events';
import { columnPostsAfter } from '../store/posts';

/** Rows read at most to count one column (filters may hide many of them). */
const SCAN_LIMIT = 5_000;

export class UnreadCounter {
  private readonly counts = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Database,
    private readonly domain: DomainEvents,
    private readonly column: (columnId: string) => Column | undefined,
    private readonly predicate: (column: Column) => PostPredicate | null,
  ) {
    const subscriptions = [
      domain.on('postsRouted', ({ columnId, posts }) => this.added(columnId, posts.map((post) => post.id))),
      domain.on('dmEventsRouted', ({ columnId, events }) => this.added(columnId, events.map((event) => event.id))),
    ];
    this.unsubscribe = () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  /** The column's count (computed from the store the first time). */
  count(column: Column): UnreadCount {
    let count = this.counts.get(column.id);
    if (count === undefined) {
      count = this.countFromStore(column);
      this.counts.set(column.id, count);
    }
    return { columnId: column.id, count };
  }

  /** After the marker, the filters or the mutes moved: count again and announce. */
  recount(column: Column): UnreadCount {
    this.counts.delete(column.id);
    const count = this.count(column);
    this.announce([count]);
    return count;
  }

  forget(columnId: string): void {
    this.counts.delete(columnId);
  }

  close(): void {
    this.unsubscribe();
  }

  private announce(counts: UnreadCount[]): void {
    void this.domain.publish({ type: 'unreadCountsChanged', counts });
  }

  private added(columnId: string, ids: readonly string[]): void {
    const column = this.column(columnId);
    if (!column) return;
    const before = this.counts.get(columnId);
    if (before === undefined) {
      // Not counted yet: the store already holds these posts.
      this.announce([this.count(column)]);
      return;
    }
    const fresh = ids.filter((id) => isNewer(id, column.lastReadId)).length;
    const after = Math.min(UNREAD_COUNT_CAP, before + fresh);
    if (after === before) return;
    this.counts.set(columnId, after);
    this.announce([{ columnId, count: after }]);
  }

  private countFromStore(column: Column): number {
    const predicate = this.predicate(column);
    switch (column.kind) {
      case 'dms':
        return countColumnDmEventsAfter(this.db, column.id, column.lastReadId, UNREAD_COUNT_CAP);
      case 'archive':
        return Math.min(UNREAD_COUNT_CAP, archiveMatchesAfter(this.db, column.query, column.lastReadId, SCAN_LIMIT, predicate).length);
      default: {
        const posts = columnPostsAfter(this.db, column.id, column.lastReadId, SCAN_LIMIT);
        return Math.min(UNREAD_COUNT_CAP, predicate ? posts.filter(predicate).length : posts.length);
      }
    }
  }
}

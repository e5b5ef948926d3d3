// Every source hands posts to the ingestor: it dedupes by id, commits one transaction per batch,
// files posts in their columns, moves cursors, and emits coalesced events per column.
import type { Author, Post, PostView } from '../../../shared/domain';
import type { EventBus } from '../events';
import type { Database } from '../store/database';
import { addColumnItems, insertPosts, upsertAuthors } from '../store/posts';
import { advanceCursor } from '../store/columns';

export interface IngestBatch {
  posts: readonly Post[];
  authors: readonly Author[];
  /** Which columns each post belongs to (by post id). */
  routes: ReadonlyMap<string, readonly string[]>;
}

export interface IngestResult {
  newPosts: number;
  filed: number;
}

const FLUSH_DELAY_MS = 16; // about one frame: the renderer gets at most one event per column per frame

function compareIdsDescending(a: string, b: string): number {
  return a.length !== b.length ? b.length - a.length : a < b ? 1 : a > b ? -1 : 0;
}

export class Ingestor {
  private readonly pending = new Map<string, Map<string, PostView>>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly knownColumns: (columnId: string) => boolean;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    knownColumns: (columnId: string) => boolean,
  ) {
    this.knownColumns = knownColumns;
  }

  ingest(batch: IngestBatch): IngestResult {
    const authors = new Map(batch.authors.map((a) => [a.id, a]));
    const byColumn = new Map<string, string[]>();
    for (const post of batch.posts) {
      for (const columnId of batch.routes.get(post.id) ?? []) {
        if (!this.knownColumns(columnId)) continue;
        const ids = byColumn.get(columnId) ?? [];
        ids.push(post.id);
        byColumn.set(columnId, ids);
      }
    }
    const posts = new Map(batch.posts.map((p) => [p.id, p]));
    const filedByColumn = new Map<string, string[]>();
    let newPosts = 0;
    this.db.transaction(() => {
      upsertAuthors(this.db, batch.authors);
      newPosts = insertPosts(this.db, batch.posts).size;
      for (const [columnId, ids] of byColumn) {
        const added = addColumnItems(this.db, columnId, ids);
        if (added.length > 0) filedByColumn.set(columnId, added);
        const newest = ids.reduce((max, id) => (compareIdsDescending(id, max) < 0 ? id : max));
        advanceCursor(this.db, columnId, newest);
      }
    })();

    let filed = 0;
    for (const [columnId, ids] of filedByColumn) {
      const queue = this.pending.get(columnId) ?? new Map<string, PostView>();
      for (const id of ids) {
        const post = posts.get(id)!;
        const author = authors.get(post.authorId);
        if (author) queue.set(id, { ...post, author });
      }
      this.pending.set(columnId, queue);
      filed += ids.length;
    }
    if (filed > 0) this.scheduleFlush();
    return { newPosts, filed };
  }

  /** Forgets queued events of a removed column. */
  dropColumn(columnId: string): void {
    this.pending.delete(columnId);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [columnId, queue] of pending) {
      const posts = [...queue.values()].sort((a, b) => compareIdsDescending(a.id, b.id));
      this.bus.emit('columnPosts', { columnId, posts });
    }
  }

  close(): void {
    this.flush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }
}

export { compareIdsDescending };

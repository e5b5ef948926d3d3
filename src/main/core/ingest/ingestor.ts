// Every source hands posts to the ingestor: it dedupes by id, assesses what customers write (tone
// and priority, once per new post or DM), commits one transaction per batch (authors, posts with
// their archive index entries, column items, cursors together), and emits coalesced, filtered
// events per column: at most one per column per frame.
import type { PostPredicate } from '../../../shared/column-filters';
import type { Author, DmEvent, DmEventView, Post, PostAssessment, PostView } from '../../../shared/domain';
import { matchingAmong } from '../archive/search';
import type { DomainEvents } from '../domain-events';
import { advanceCursor } from '../store/cursors';
import type { Database } from '../store/database';
import { addColumnDmEvents, getDmEventViews, insertDmEvents } from '../store/dm-events';
import { addColumnItems, getPostViews, insertPosts, upsertAuthors, withQuoted } from '../store/posts';
import { compareIdsNewestFirst } from '../../../shared/ids';
import { messageAssessor } from './assess';

export interface IngestBatch {
  posts: readonly Post[];
  /** Quoted and reposted posts: stored for the card, filed nowhere. */
  referenced?: readonly Post[];
  authors: readonly Author[];
  /** Which columns each post belongs to (by post id). */
  routes: ReadonlyMap<string, readonly string[]>;
  /** Cursors to move in the same transaction (column → newest id now covered). */
  cursors?: ReadonlyMap<string, string>;
}

export interface DmIngestBatch {
  columnId: string;
  events: readonly DmEvent[];
  authors: readonly Author[];
  cursor?: string;
}

export interface IngestResult {
  newPosts: number;
  filed: number;
}

/** What the ingestor needs to know about the deck, from the engine. */
export interface IngestRouting {
  isLive(columnId: string): boolean;
  /** The column's filters and mutes, or null when they hide nothing. */
  predicate(columnId: string): PostPredicate | null;
  /** Archive columns: live ones match new posts by their local query. */
  archiveColumns(): readonly { id: string; query: string }[];
}

const FLUSH_DELAY_MS = 16; // about one frame

export class Ingestor {
  private readonly pendingPosts = new Map<string, Map<string, PostView>>();
  private readonly pendingDms = new Map<string, DmEventView[]>();
  private flushTimer: NodeJS.Timeout | null = null;
  /** After close, late answers (a poll in flight at shutdown) are dropped: the store is closing. */
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly domain: DomainEvents,
    private readonly routing: IngestRouting,
  ) {}

  ingest(batch: IngestBatch): IngestResult {
    if (this.closed) return { newPosts: 0, filed: 0 };
    const byColumn = new Map<string, string[]>();
    for (const post of batch.posts) {
      for (const columnId of batch.routes.get(post.id) ?? []) {
        if (!this.routing.isLive(columnId)) continue;
        const ids = byColumn.get(columnId);
        if (ids) ids.push(post.id);
        else byColumn.set(columnId, [post.id]);
      }
    }
    const filedByColumn = new Map<string, string[]>();
    let inserted = new Set<string>();
    const assessor = messageAssessor(this.db, new Map(batch.authors.map((a) => [a.id, a])));
    const assessed = new Map<string, PostAssessment>();
    this.db.transaction(() => {
      upsertAuthors(this.db, batch.authors);
      inserted = insertPosts(this.db, [...(batch.referenced ?? []), ...batch.posts], (post) => {
        const assessment = assessor(post);
        if (assessment) assessed.set(post.id, assessment);
        return assessment;
      });
      for (const [columnId, ids] of byColumn) {
        const added = addColumnItems(this.db, columnId, ids);
        if (added.length > 0) filedByColumn.set(columnId, added);
      }
      for (const [columnId, id] of batch.cursors ?? []) if (this.routing.isLive(columnId)) advanceCursor(this.db, columnId, id);
      if (inserted.size > 0) {
        for (const archive of this.routing.archiveColumns()) {
          const matched = matchingAmong(this.db, archive.query, [...inserted]);
          if (matched.size > 0) filedByColumn.set(archive.id, [...matched]);
        }
      }
    })();

    let filed = 0;
    if (filedByColumn.size > 0) {
      const wanted = new Set<string>();
      for (const ids of filedByColumn.values()) for (const id of ids) wanted.add(id);
      const views = this.viewsOf(batch, wanted, assessed);
      for (const [columnId, ids] of filedByColumn) {
        filed += ids.length;
        this.queuePosts(columnId, ids, views);
      }
    }
    return { newPosts: this.countPrimary(batch, inserted), filed };
  }

  ingestDms(batch: DmIngestBatch): IngestResult {
    if (this.closed || !this.routing.isLive(batch.columnId)) return { newPosts: 0, filed: 0 };
    let added: string[] = [];
    let inserted = new Set<string>();
    const assessor = messageAssessor(this.db, new Map(batch.authors.map((a) => [a.id, a])));
    this.db.transaction(() => {
      upsertAuthors(this.db, batch.authors);
      // X sends no language with a DM: the tone model's own check of the script decides.
      inserted = insertDmEvents(this.db, batch.events, (event) => assessor({ authorId: event.senderId, text: event.text, lang: null }));
      added = addColumnDmEvents(this.db, batch.columnId, batch.events.map((e) => e.id));
      if (batch.cursor) advanceCursor(this.db, batch.columnId, batch.cursor);
    })();
    if (added.length > 0) {
      const queue = this.pendingDms.get(batch.columnId) ?? [];
      queue.push(...getDmEventViews(this.db, added));
      this.pendingDms.set(batch.columnId, queue);
      this.scheduleFlush();
    }
    return { newPosts: inserted.size, filed: added.length };
  }

  /** Only cursors (a poll that found nothing new still moves its since_id). */
  moveCursors(cursors: ReadonlyMap<string, string>): void {
    if (this.closed) return;
    this.db.transaction(() => {
      for (const [columnId, id] of cursors) if (this.routing.isLive(columnId)) advanceCursor(this.db, columnId, id);
    })();
  }

  /** Forgets queued events of a removed column. */
  dropColumn(columnId: string): void {
    this.pendingPosts.delete(columnId);
    this.pendingDms.delete(columnId);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const posts = [...this.pendingPosts];
    const dms = [...this.pendingDms];
    this.pendingPosts.clear();
    this.pendingDms.clear();
    for (const [columnId, queue] of posts) {
      if (!this.routing.isLive(columnId)) continue;
      const predicate = this.routing.predicate(columnId);
      const shown = [...queue.values()].filter((p) => !predicate || predicate(p)).sort((a, b) => compareIdsNewestFirst(a.id, b.id));
      if (shown.length > 0) void this.domain.publish({ type: 'postsRouted', columnId, posts: shown });
    }
    for (const [columnId, events] of dms) {
      if (!this.routing.isLive(columnId)) continue;
      void this.domain.publish({ type: 'dmEventsRouted', columnId, events: events.sort((a, b) => compareIdsNewestFirst(a.id, b.id)) });
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  /** New posts among those the batch was asked for (not the posts they quote or repost). */
  private countPrimary(batch: IngestBatch, inserted: ReadonlySet<string>): number {
    if (!batch.referenced?.length) return inserted.size;
    const primary = new Set(batch.posts.map((p) => p.id));
    let count = 0;
    for (const id of inserted) if (primary.has(id)) count++;
    return count;
  }

  /**
   * Views of the filed posts, one per post however many columns file it: built from the batch (new
   * posts with the assessment just made), or read back (posts stored before, which a new column
   * files, and archive matches of referenced posts); with their quoted posts when stored, and a
   * brand handle's replies with what they answered.
   */
  private viewsOf(batch: IngestBatch, wanted: ReadonlySet<string>, assessed: ReadonlyMap<string, PostAssessment>): Map<string, PostView> {
    const authors = new Map(batch.authors.map((a) => [a.id, a]));
    const views = new Map<string, PostView>();
    for (const post of batch.posts) {
      const author = authors.get(post.authorId);
      const assessment = assessed.get(post.id);
      if (author && wanted.has(post.id) && assessment) views.set(post.id, { ...post, author, assessment });
    }
    const missing: string[] = [];
    for (const id of wanted) if (!views.has(id)) missing.push(id);
    for (const view of getPostViews(this.db, missing)) views.set(view.id, view);
    // Quotes get their quoted post; a brand handle's replies, what they answered.
    const referring = [...views.values()].filter((v) => v.quotedPostId !== null || v.inReplyToPostId !== null);
    for (const view of withQuoted(this.db, referring)) views.set(view.id, view);
    return views;
  }

  private queuePosts(columnId: string, ids: readonly string[], views: ReadonlyMap<string, PostView>): void {
    let queue = this.pendingPosts.get(columnId);
    for (const id of ids) {
      const view = views.get(id);
      if (!view) continue;
      if (!queue) this.pendingPosts.set(columnId, (queue = new Map<string, PostView>()));
      queue.set(id, view);
    }
    if (queue) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }
}


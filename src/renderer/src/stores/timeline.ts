// The posts of each column, newest first, each once: the first page from the store, then live
// `columnPosts` events, then older pages on demand. A post a column shows is replaced when the core
// says it changed (`postsUpdated`: answered, liked, its counts), and likes and reposts start here.
import { defineStore } from 'pinia';
import { computed, shallowReactive, watch } from 'vue';
import { systemClock } from '../../../shared/clock';
import { columnSortOf } from '../../../shared/column-filters';
import type { EventPayload } from '../../../shared/contract';
import type { Engagement, PostView } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { lastShownId } from '../logic/column-order';
import { liveBatcher } from '../logic/live-batcher';
import { searchSourceKey } from '../logic/search-edit';
import { applyNewestPage, mergeNewestFirst } from '../logic/timeline-merge';
import { useDeckStore } from './deck';

export const PAGE_SIZE = 100;
/** Older pages are fetched while scrolling; larger pages mean fewer trips on a long scroll. */
export const OLDER_PAGE_SIZE = 200;
/** Live posts reach the columns at most this often (all columns in one redraw). */
export const LIVE_BATCH_MS = 100;

export interface ColumnTimeline {
  posts: readonly PostView[];
  hasOlder: boolean;
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

const EMPTY: ColumnTimeline = Object.freeze({ posts: [], hasOlder: false, loaded: false, loading: false, error: null });

export const useTimelineStore = defineStore('timeline', () => {
  const { api } = useBridge();
  const deck = useDeckStore();
  // Shallow on purpose: a column of thousands of posts must not become thousands of reactive
  // proxies. Each update replaces the column's entry (and a changed post, its object).
  const timelines = shallowReactive(new Map<string, ColumnTimeline>());

  const timelineOf = (columnId: string): ColumnTimeline => timelines.get(columnId) ?? EMPTY;
  const update = (columnId: string, change: Partial<ColumnTimeline>) => timelines.set(columnId, { ...timelineOf(columnId), ...change });

  const live = liveBatcher<PostView>({
    clock: systemClock,
    intervalMs: LIVE_BATCH_MS,
    flush: (batches) => {
      for (const [columnId, posts] of batches) {
        const current = timelineOf(columnId);
        const merged = mergeNewestFirst(current.posts, posts);
        if (merged !== current.posts) update(columnId, { posts: merged });
      }
    },
  });

  function receive({ columnId, posts }: EventPayload<'columnPosts'>): void {
    live.add(columnId, posts);
  }

  /** Changed posts take the place of those the column shows; posts it does not show are ignored. */
  function receiveUpdates({ columnId, posts }: EventPayload<'postsUpdated'>): void {
    const current = timelines.get(columnId);
    if (!current || posts.length === 0) return;
    const changed = new Map(posts.map((post) => [post.id, post]));
    if (!current.posts.some((post) => changed.has(post.id))) return;
    update(columnId, { posts: current.posts.map((post) => changed.get(post.id) ?? post) });
  }

  /**
   * Likes or reposts a post as the column's handle (or undoes it). The answer is shown in every
   * column at once; the core's `postsUpdated` says the same a moment later. Answers the error, if any.
   */
  async function engage(post: PostView, accountId: string, kind: Engagement): Promise<string | null> {
    const done = (kind === 'like' ? post.likedBy : post.repostedBy)?.includes(accountId) ?? false;
    const result = await api.engagePost({ accountId, postId: post.id, kind, on: !done });
    if (!result.ok) return result.error.message;
    for (const columnId of timelines.keys()) receiveUpdates({ columnId, posts: [result.value] });
    return null;
  }

  /** The newest page: on first show, and again after a reconnection to catch up. */
  async function loadNewest(columnId: string): Promise<void> {
    update(columnId, { loading: true });
    const result = await api.listColumnPosts({ columnId, limit: PAGE_SIZE });
    if (!result.ok) {
      update(columnId, { loading: false, error: result.error.message });
      return;
    }
    update(columnId, { ...applyNewestPage(timelineOf(columnId), result.value, PAGE_SIZE), loaded: true, loading: false, error: null });
  }

  async function ensureLoaded(columnId: string): Promise<void> {
    const current = timelineOf(columnId);
    if (!current.loaded && !current.loading) await loadNewest(columnId);
  }

  async function loadOlder(columnId: string): Promise<void> {
    const current = timelineOf(columnId);
    const column = deck.byId.get(columnId);
    const beforeId = lastShownId(current.posts, column ? columnSortOf(column) : 'newest');
    if (current.loading || !beforeId) return;
    update(columnId, { loading: true });
    const result = await api.listColumnPosts({ columnId, limit: OLDER_PAGE_SIZE, beforeId });
    if (!result.ok) {
      update(columnId, { loading: false, error: result.error.message });
      return;
    }
    update(columnId, { posts: mergeNewestFirst(timelineOf(columnId).posts, result.value), hasOlder: result.value.length >= OLDER_PAGE_SIZE, loading: false, error: null });
  }

  /**
   * Replaces the column's posts with a fresh newest page: after its filters or the mute list
   * changed, posts hidden now must go and posts shown again must come back.
   */
  async function reload(columnId: string): Promise<void> {
    update(columnId, { loading: true });
    const result = await api.listColumnPosts({ columnId, limit: PAGE_SIZE });
    if (!result.ok) {
      update(columnId, { loading: false, error: result.error.message });
      return;
    }
    update(columnId, { posts: mergeNewestFirst([], result.value), hasOlder: result.value.length >= PAGE_SIZE, loaded: true, loading: false, error: null });
  }

  /** Reloads the loaded columns (those `which` picks; all of them by default). */
  async function reloadLoaded(which: (columnId: string) => boolean = () => true): Promise<void> {
    await Promise.all([...timelines.entries()].filter(([columnId, timeline]) => timeline.loaded && which(columnId)).map(([columnId]) => reload(columnId)));
  }

  async function refreshLoaded(): Promise<void> {
    await Promise.all([...timelines.entries()].filter(([, timeline]) => timeline.loaded).map(([columnId]) => loadNewest(columnId)));
  }

  /**
   * The column follows another search now (query or dates): the core dropped what it held, so the
   * posts shown go too and the newest page comes again; live posts that arrive meanwhile stay.
   */
  async function restart(columnId: string): Promise<void> {
    live.forget(columnId);
    update(columnId, { posts: [], hasOlder: false });
    await loadNewest(columnId);
  }

  // Watched on the deck, not on who asked: the change may come from the Edit search dialog, another
  // window, or the command's answer arriving before or after `columnsChanged`.
  const searchSources = computed(() => new Map(deck.columns.map((column) => [column.id, searchSourceKey(column)])));
  watch(searchSources, (now, before) => {
    for (const [columnId, key] of now) {
      if (key !== null && before.has(columnId) && before.get(columnId) !== key && timelineOf(columnId).loaded) void restart(columnId);
    }
  });

  function keepOnly(columnIds: Iterable<string>): void {
    const kept = new Set(columnIds);
    for (const columnId of [...timelines.keys()]) {
      if (kept.has(columnId)) continue;
      timelines.delete(columnId);
      live.forget(columnId);
    }
  }

  return { timelineOf, receive, receiveUpdates, engage, ensureLoaded, loadNewest, loadOlder, reload, reloadLoaded, refreshLoaded, keepOnly };
});

// A column's reading position: reopening where the agent left it (also after a restart), counting
// posts that arrived above while they read further down, and moving the read marker as they see
// posts. The rules are in logic/reading-position.ts.
import { computed, nextTick, onBeforeUnmount, shallowRef, watch, type ComputedRef } from 'vue';
import { systemClock, type TimerHandle } from '../../../shared/clock';
import type { Column, PostView } from '../../../shared/domain';
import { countNewerThan, needsOlderForAnchor, readUpTo, samePosition, scrollPositionOf, unreadMarkerIndex } from '../logic/reading-position';
import { useDeckStore } from '../stores/deck';
import { useTimelineStore } from '../stores/timeline';
import type { useVirtualList } from './useVirtualList';

const SAVE_AFTER_MS = 400;
/** How far back the column pages, at most, to reopen at a post the agent was reading. */
const MAX_RESTORE_PAGES = 25;

type VirtualList = ReturnType<typeof useVirtualList<PostView>>;

export function useReadingPosition(column: () => Column, list: VirtualList, posts: ComputedRef<readonly PostView[]>) {
  const deck = useDeckStore();
  const timeline = useTimelineStore();
  const columnId = column().id;

  /** The marker as it was when the column opened: the line stays where "new" began. */
  const markerId = column().lastReadId;
  const markerIndex = computed(() => unreadMarkerIndex(posts.value, markerId));
  let lastRead = column().lastReadId;
  let saved = column().scroll;

  /** The newest post the agent has had on screen at the top; anything newer arrived while away. */
  const seenNewestId = shallowRef<string | null>(null);
  const restoring = shallowRef(false);
  const newAbove = computed(() => (list.atTop.value || restoring.value || seenNewestId.value === null ? 0 : countNewerThan(posts.value, seenNewestId.value)));

  watch(
    [list.atTop, posts],
    () => {
      if ((list.atTop.value || seenNewestId.value === null) && !restoring.value) seenNewestId.value = posts.value[0]?.id ?? null;
    },
    { immediate: true },
  );

  function topVisibleId(): string | null {
    if (list.atTop.value) return posts.value[0]?.id ?? null;
    return posts.value[list.firstVisibleIndex()]?.id ?? null;
  }

  function save(): void {
    if (restoring.value || !deck.byId.has(columnId)) return; // not while reopening; not once removed
    const position = scrollPositionOf(list.atTop.value, list.anchor());
    if (!samePosition(position, saved)) {
      saved = position;
      void deck.saveScroll(columnId, position);
    }
    if (document.visibilityState !== 'visible') return;
    const next = readUpTo(topVisibleId(), lastRead);
    if (next) {
      lastRead = next;
      void deck.markRead(columnId, next);
    }
  }

  // A throttle, not a debounce: under steady traffic the position is still saved every interval.
  let timer: TimerHandle | null = null;
  function scheduleSave(): void {
    if (timer !== null) return;
    timer = systemClock.setTimeout(() => {
      timer = null;
      save();
    }, SAVE_AFTER_MS);
  }
  // Coming back to the window: what is on screen now has been seen.
  const onVisible = () => document.visibilityState === 'visible' && scheduleSave();
  document.addEventListener('visibilitychange', onVisible);
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisible);
    systemClock.clearTimeout(timer);
    save();
  });

  // At the top, posts arriving are on screen: they count as read once they settle.
  watch(posts, () => {
    if (list.atTop.value) scheduleSave();
  });

  /** Reopens at the stored position, paging back to the anchor post when it is older than the first page. */
  async function restore(): Promise<void> {
    const { anchorPostId, offsetPx } = saved;
    if (anchorPostId === null) return;
    restoring.value = true;
    try {
      for (let page = 0; page < MAX_RESTORE_PAGES && needsOlderForAnchor(posts.value, anchorPostId, timeline.timelineOf(columnId).hasOlder); page++) {
        await timeline.loadOlder(columnId);
      }
      await nextTick();
      list.restore(anchorPostId, offsetPx);
      await nextTick();
    } finally {
      seenNewestId.value = posts.value[0]?.id ?? null;
      restoring.value = false;
    }
  }

  /** Once the column shows its posts (first load, or expanded again): they count as seen. */
  async function open(): Promise<void> {
    await restore();
    scheduleSave();
  }

  /** "Show N new posts": back to the top, where the column follows live posts again. */
  function jumpToNewest(): void {
    list.scrollToTop();
    seenNewestId.value = posts.value[0]?.id ?? null;
    scheduleSave();
  }

  return { markerIndex, newAbove, open, jumpToNewest, scrolled: scheduleSave };
}

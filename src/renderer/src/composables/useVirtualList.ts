// A virtualised list for tens of thousands of rows of different heights: only the rows near the
// viewport are in the DOM; each is measured with a ResizeObserver once rendered, the others are
// estimated; whatever the reader looks at stays put while rows are added above it or measured.
// The arithmetic lives in logic/windowing.ts.
import { nextTick, onBeforeUnmount, onMounted, shallowRef, watch, type Directive, type ShallowRef } from 'vue';
import {
  anchoredScrollTop,
  captureAnchor,
  EMPTY_RANGE,
  estimatedRowHeight,
  findAnchorIndex,
  isAtTop,
  layoutRows,
  nearEnd,
  relayoutFrom,
  rowAt,
  sameRange,
  scrollTopAfterChange,
  totalHeight,
  visibleRange,
  type RowOffsets,
  type RowRange,
  type ScrollAnchor,
} from '../logic/windowing';

export interface VirtualListOptions<T extends { id: string }> {
  items: () => readonly T[];
  /** The height assumed for rows before any is measured. */
  estimatePx: number;
  /** Rows rendered beyond the viewport, in pixels, above and below. */
  overscanPx: number;
  /** Called when the rendered rows come within `nearEndRows` of the end (to fetch older posts). */
  onNearEnd?: () => void;
  nearEndRows?: number;
  /** Called after the reader scrolled (not after the list moved to keep its place). */
  onUserScroll?: () => void;
}

export interface VirtualRow<T> {
  item: T;
  index: number;
}

export function useVirtualList<T extends { id: string }>(scroller: Readonly<ShallowRef<HTMLElement | null>>, options: VirtualListOptions<T>) {
  const heights = new Map<string, number>();
  let measuredTotal = 0;
  let measuredCount = 0;
  /** The height of unmeasured rows, fixed between list changes so a measurement moves only the rows below it. */
  let estimate = options.estimatePx;
  let laidOut: readonly T[] = [];
  let offsets: RowOffsets = layoutRows(0, () => 0);
  /** Where the list is scrolled to, exactly (the DOM rounds it). */
  let scrollTop = 0;
  /** What the DOM was last told or last reported. */
  let domScrollTop = 0;
  let viewport = 0;
  let pendingWrite: number | null = null;

  const range = shallowRef<RowRange>(EMPTY_RANGE);
  const rows = shallowRef<VirtualRow<T>[]>([]);
  const sliceTop = shallowRef(0);
  const totalPx = shallowRef(0);
  const atTop = shallowRef(true);

  /** `rowsChanged`: the list itself changed, so the same range may hold other rows. */
  function renderRange(rowsChanged = false): void {
    const next = visibleRange(offsets, scrollTop, viewport, options.overscanPx);
    atTop.value = isAtTop(scrollTop);
    if (!rowsChanged && sameRange(next, range.value)) {
      sliceTop.value = offsets[next.start] ?? 0;
      return;
    }
    range.value = next;
    sliceTop.value = offsets[next.start] ?? 0;
    rows.value = laidOut.slice(next.start, next.end).map((item, k) => ({ item, index: next.start + k }));
    if (options.onNearEnd && nearEnd(next, laidOut.length, options.nearEndRows ?? 15)) options.onNearEnd();
  }

  /**
   * Scrolls (after the DOM has the new height) and renders the rows that position needs. The DOM
   * is written only when the position differs from what it holds, and never read back here: with
   * ten live columns, a read after each write would force a layout per column per update.
   */
  function moveTo(top: number, rowsChanged = false): void {
    scrollTop = Math.max(0, top);
    renderRange(rowsChanged);
    if (Math.abs(scrollTop - domScrollTop) <= 0.5) return;
    pendingWrite = scrollTop;
    void nextTick(() => {
      const element = scroller.value;
      if (!element || pendingWrite === null) return;
      element.scrollTop = pendingWrite;
      domScrollTop = pendingWrite;
      pendingWrite = null;
    });
  }

  /** Rows or heights changed: lay out again, keeping the reader's place (or the top). */
  function relayout(): void {
    const previous = laidOut;
    const previousOffsets = offsets;
    const next = options.items();
    laidOut = next;
    estimate = estimatedRowHeight(measuredTotal, measuredCount, options.estimatePx);
    offsets = layoutRows(next.length, (index) => heights.get(next[index]!.id) ?? estimate);
    totalPx.value = totalHeight(offsets);
    // Only a column scrolled away from the top needs the reader's exact position (one DOM read).
    const element = scroller.value;
    if (element && pendingWrite === null && !isAtTop(scrollTop)) readScrollTop(element);
    const anchor = isAtTop(scrollTop) ? null : captureAnchor(previousOffsets, (index) => previous[index]?.id, scrollTop);
    const anchorIndex = anchor ? findAnchorIndex(anchor, (index) => next[index]?.id, next.length, previous.length) : -1;
    moveTo(scrollTopAfterChange(scrollTop, anchor, offsets, anchorIndex), true);
  }

  /** Where a rendered row is in the list (measured rows are rendered, so the range is searched first). */
  function indexOfRendered(id: string): number {
    const { start, end } = range.value;
    for (let index = start; index < end && index < laidOut.length; index++) if (laidOut[index]!.id === id) return index;
    return laidOut.findIndex((item) => item.id === id);
  }

  /**
   * Rows got measured: only the rows from the first changed one on move. The list itself is the
   * same, so the anchor keeps its index, and the position is the one the last scroll event
   * reported (measurements arrive after layout, never between a scroll and its event).
   */
  function relayoutMeasured(from: number): void {
    const anchor = isAtTop(scrollTop) ? null : captureAnchor(offsets, (index) => laidOut[index]?.id, scrollTop);
    relayoutFrom(offsets, from, (index) => heights.get(laidOut[index]!.id) ?? estimate);
    totalPx.value = totalHeight(offsets);
    moveTo(scrollTopAfterChange(scrollTop, anchor, offsets, anchor ? anchor.index : -1));
  }

  const rowObserver = new ResizeObserver((entries) => {
    let from = Number.POSITIVE_INFINITY;
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset.rowId;
      const height = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      if (!id || height <= 0) continue;
      const known = heights.get(id);
      if (known !== undefined && Math.abs(known - height) < 0.5) continue;
      measuredTotal += height - (known ?? 0);
      if (known === undefined) measuredCount++;
      heights.set(id, height);
      const index = indexOfRendered(id);
      if (index >= 0) from = Math.min(from, index);
    }
    if (from !== Number.POSITIVE_INFINITY) relayoutMeasured(from);
  });

  const viewportObserver = new ResizeObserver((entries) => {
    const height = entries[entries.length - 1]?.contentRect.height ?? viewport;
    if (height === viewport) return;
    viewport = height;
    renderRange();
  });

  /** `v-measure="row.item.id"` on each row's element. */
  const measure: Directive<HTMLElement, string> = {
    mounted(element, binding) {
      element.dataset.rowId = binding.value;
      rowObserver.observe(element);
    },
    updated(element, binding) {
      if (element.dataset.rowId !== binding.value) element.dataset.rowId = binding.value;
    },
    unmounted(element) {
      rowObserver.unobserve(element);
    },
  };

  /** The reader's scroll position, unless it is only the rounded echo of the last one set here. */
  function readScrollTop(element: HTMLElement): void {
    const actual = element.scrollTop;
    if (Math.abs(actual - domScrollTop) >= 1) scrollTop = actual;
    domScrollTop = actual;
  }

  function onScroll(): void {
    const element = scroller.value;
    if (!element || pendingWrite !== null) return;
    readScrollTop(element);
    renderRange();
    options.onUserScroll?.();
  }

  watch(options.items, relayout, { flush: 'pre' });

  onMounted(() => {
    const element = scroller.value;
    if (!element) return;
    viewport = element.clientHeight;
    viewportObserver.observe(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    relayout();
  });

  onBeforeUnmount(() => {
    scroller.value?.removeEventListener('scroll', onScroll);
    rowObserver.disconnect();
    viewportObserver.disconnect();
  });

  /** The row at the top edge of the viewport and how far into it the reader is. */
  const anchor = (): ScrollAnchor | null => captureAnchor(offsets, (index) => laidOut[index]?.id, scrollTop);

  /** The first row whose top is on screen (for keys that start "from what I see"). */
  function firstVisibleIndex(): number {
    const index = rowAt(offsets, scrollTop);
    if (index < 0) return -1;
    return offsets[index]! < scrollTop - 1 && index + 1 < laidOut.length ? index + 1 : index;
  }

  /** Brings a row into view with as little movement as possible. */
  function scrollToIndex(index: number): void {
    if (index < 0 || index >= laidOut.length) return;
    const top = offsets[index]!;
    const bottom = offsets[index + 1]!;
    if (top < scrollTop) moveTo(top);
    else if (bottom > scrollTop + viewport) moveTo(Math.min(top, bottom - viewport));
  }

  /** Puts a row `offsetPx` above the viewport's top; false when the row is not in the list. */
  function restore(id: string, offsetPx: number): boolean {
    const index = laidOut.findIndex((item) => item.id === id);
    if (index < 0) return false;
    moveTo(anchoredScrollTop(offsets, index, offsetPx));
    return true;
  }

  return { rows, range, sliceTop, totalPx, atTop, measure, anchor, firstVisibleIndex, scrollToIndex, restore, scrollToTop: () => moveTo(0) };
}

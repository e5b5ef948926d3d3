// The arithmetic of a virtualised list with rows of different heights: where each row starts,
// which rows a viewport needs, and how to keep what the reader looks at in place while rows are
// added above it or get measured. Pure, so the deck's smoothness rests on tested code.

/** Where rows start: `offsets[i]` is the top of row i, `offsets[count]` the total height. */
export type RowOffsets = Float64Array;

export interface RowRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

export const EMPTY_RANGE: Readonly<RowRange> = Object.freeze({ start: 0, end: 0 });

/** Offsets for `count` rows, each `heightAt(i)` tall (measured, or an estimate). */
export function layoutRows(count: number, heightAt: (index: number) => number): RowOffsets {
  const offsets = new Float64Array(count + 1);
  let top = 0;
  for (let index = 0; index < count; index++) {
    offsets[index] = top;
    top += Math.max(0, heightAt(index));
  }
  offsets[count] = top;
  return offsets;
}

/**
 * Lays out again, in place, only from row `from` on: the rows above it kept their heights, so
 * their offsets hold. A measured row then costs the rows below it, not the whole list.
 */
export function relayoutFrom(offsets: RowOffsets, from: number, heightAt: (index: number) => number): void {
  const count = offsets.length - 1;
  if (from < 0 || from >= count) return;
  let top = offsets[from]!;
  for (let index = from; index < count; index++) {
    offsets[index] = top;
    top += Math.max(0, heightAt(index));
  }
  offsets[count] = top;
}

export const rowCount = (offsets: RowOffsets): number => offsets.length - 1;
export const totalHeight = (offsets: RowOffsets): number => offsets[offsets.length - 1] ?? 0;

/** The row that covers pixel `y` (the last row for y past the end, the first for y < 0); -1 when empty. */
export function rowAt(offsets: RowOffsets, y: number): number {
  const count = rowCount(offsets);
  if (count <= 0) return -1;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Rows that intersect the viewport, plus `overscanPx` above and below so fast scrolls find rows ready. */
export function visibleRange(offsets: RowOffsets, scrollTop: number, viewportHeight: number, overscanPx: number): RowRange {
  const count = rowCount(offsets);
  if (count <= 0) return EMPTY_RANGE;
  const start = rowAt(offsets, scrollTop - overscanPx);
  const last = rowAt(offsets, scrollTop + Math.max(0, viewportHeight) + overscanPx);
  return { start, end: Math.min(count, last + 1) };
}

export const sameRange = (a: RowRange, b: RowRange): boolean => a.start === b.start && a.end === b.end;

/** The largest scrollTop the content allows. */
export const maxScrollTop = (offsets: RowOffsets, viewportHeight: number, extraPx = 0): number =>
  Math.max(0, totalHeight(offsets) + extraPx - viewportHeight);

/** What the reader is looking at: the row at the top edge of the viewport and how far into it. */
export interface ScrollAnchor {
  id: string;
  index: number;
  /** Pixels from the top of that row to the top of the viewport (≥ 0). */
  offsetPx: number;
}

export function captureAnchor(offsets: RowOffsets, idAt: (index: number) => string | undefined, scrollTop: number): ScrollAnchor | null {
  const index = rowAt(offsets, scrollTop);
  const id = index >= 0 ? idAt(index) : undefined;
  if (id === undefined) return null;
  return { id, index, offsetPx: scrollTop - offsets[index]! };
}

/**
 * Where an anchor's row is now. Rows are mostly added at the top (new posts) or the bottom (older
 * pages), so the likeliest places are checked first: the old index shifted by the growth, then the
 * old index; a full scan only when neither holds.
 */
export function findAnchorIndex(anchor: ScrollAnchor, idAt: (index: number) => string | undefined, count: number, previousCount: number): number {
  const guesses = [anchor.index + (count - previousCount), anchor.index];
  for (const guess of guesses) if (guess >= 0 && guess < count && idAt(guess) === anchor.id) return guess;
  for (let index = 0; index < count; index++) if (idAt(index) === anchor.id) return index;
  return -1;
}

/** The scrollTop that puts the anchor's row back where the reader saw it. */
export function anchoredScrollTop(offsets: RowOffsets, index: number, offsetPx: number): number {
  if (index < 0 || index >= rowCount(offsets)) return 0;
  return Math.max(0, offsets[index]! + offsetPx);
}

/** Within this many pixels of the top, a column follows new posts instead of holding its place. */
export const AT_TOP_PX = 2;

export const isAtTop = (scrollTop: number): boolean => scrollTop <= AT_TOP_PX;

/**
 * Where to scroll after rows changed. At the top, the column stays at the top (the reader follows
 * live posts); anywhere else the anchor's row keeps its distance to the viewport's top. When the
 * anchor is gone (filtered out, list replaced), the old scrollTop is kept as the best guess.
 */
export function scrollTopAfterChange(
  previousScrollTop: number,
  anchor: ScrollAnchor | null,
  offsets: RowOffsets,
  anchorIndex: number,
): number {
  if (isAtTop(previousScrollTop) || !anchor) return isAtTop(previousScrollTop) ? 0 : previousScrollTop;
  if (anchorIndex < 0) return previousScrollTop;
  return anchoredScrollTop(offsets, anchorIndex, anchor.offsetPx);
}

/** The height to assume for a row not measured yet: the mean of the measured ones, or a default. */
export function estimatedRowHeight(measuredTotal: number, measuredCount: number, fallback: number): number {
  return measuredCount > 0 ? measuredTotal / measuredCount : fallback;
}

/** Whether the rendered rows come close enough to the end of the list to fetch the next page. */
export function nearEnd(range: RowRange, count: number, thresholdRows: number): boolean {
  return count > 0 && range.end >= count - thresholdRows;
}

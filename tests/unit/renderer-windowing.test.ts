import { describe, expect, it } from 'vitest';
import {
  anchoredScrollTop,
  captureAnchor,
  estimatedRowHeight,
  findAnchorIndex,
  isAtTop,
  layoutRows,
  maxScrollTop,
  nearEnd,
  relayoutFrom,
  rowAt,
  scrollTopAfterChange,
  totalHeight,
  visibleRange,
} from '../../src/renderer/src/logic/windowing';

const heights = [100, 50, 200, 80, 120]; // tops: 0, 100, 150, 350, 430; total 550
const offsets = layoutRows(heights.length, (i) => heights[i]!);
const ids = ['e', 'd', 'c', 'b', 'a'];

describe('layoutRows', () => {
  it('puts each row under the previous one and ends at the total height', () => {
    expect(Array.from(offsets)).toEqual([0, 100, 150, 350, 430, 550]);
    expect(totalHeight(offsets)).toBe(550);
  });

  it('handles an empty list and treats negative heights as zero', () => {
    expect(Array.from(layoutRows(0, () => 10))).toEqual([0]);
    expect(Array.from(layoutRows(2, (i) => (i === 0 ? -5 : 10)))).toEqual([0, 0, 10]);
  });

  it('lays out 100,000 rows', () => {
    const many = layoutRows(100_000, (i) => 80 + (i % 7));
    expect(many.length).toBe(100_001);
    expect(rowAt(many, totalHeight(many) - 1)).toBe(99_999);
  });
});

describe('relayoutFrom', () => {
  it('moves only the rows below a row that changed height, and the total', () => {
    const changed = [...heights];
    changed[2] = 260;
    const moved = layoutRows(heights.length, (i) => heights[i]!);
    const asked: number[] = [];
    relayoutFrom(moved, 2, (i) => {
      asked.push(i);
      return changed[i]!;
    });
    expect(Array.from(moved)).toEqual(Array.from(layoutRows(changed.length, (i) => changed[i]!)));
    expect(Array.from(moved)).toEqual([0, 100, 150, 410, 490, 610]);
    expect(asked).toEqual([2, 3, 4]);
  });

  it('leaves the offsets alone for a row outside the list', () => {
    const kept = layoutRows(heights.length, (i) => heights[i]!);
    relayoutFrom(kept, 5, () => 999);
    relayoutFrom(kept, -1, () => 999);
    expect(Array.from(kept)).toEqual([0, 100, 150, 350, 430, 550]);
  });
});

describe('rowAt', () => {
  it('finds the row covering a pixel, edges included', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 99.9)).toBe(0);
    expect(rowAt(offsets, 100)).toBe(1);
    expect(rowAt(offsets, 349)).toBe(2);
    expect(rowAt(offsets, 549)).toBe(4);
  });

  it('holds at the ends and answers -1 for no rows', () => {
    expect(rowAt(offsets, -40)).toBe(0);
    expect(rowAt(offsets, 10_000)).toBe(4);
    expect(rowAt(layoutRows(0, () => 0), 0)).toBe(-1);
  });
});

describe('visibleRange', () => {
  it('renders the rows in the viewport', () => {
    expect(visibleRange(offsets, 120, 200, 0)).toEqual({ start: 1, end: 3 }); // 120..320: rows 1 and 2; row 3 starts at 350
    expect(visibleRange(offsets, 0, 100, 0)).toEqual({ start: 0, end: 2 });
  });

  it('adds the overscan above and below, within the list', () => {
    expect(visibleRange(offsets, 160, 100, 60)).toEqual({ start: 1, end: 3 }); // 100..320
    expect(visibleRange(offsets, 160, 100, 200)).toEqual({ start: 0, end: 5 }); // -40..460
    expect(visibleRange(offsets, 0, 1_000, 500)).toEqual({ start: 0, end: 5 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(layoutRows(0, () => 0), 0, 500, 100)).toEqual({ start: 0, end: 0 });
  });
});

describe('scroll anchoring', () => {
  it('captures the row at the top edge and how far into it the reader is', () => {
    expect(captureAnchor(offsets, (i) => ids[i], 170)).toEqual({ id: 'c', index: 2, offsetPx: 20 });
    expect(captureAnchor(layoutRows(0, () => 0), () => undefined, 0)).toBeNull();
  });

  it('keeps the anchored post where the reader saw it when posts arrive above', () => {
    const anchor = captureAnchor(offsets, (i) => ids[i], 170)!;
    // Three new posts (90 px each) arrive on top.
    const grown = ['h', 'g', 'f', ...ids];
    const grownHeights = [90, 90, 90, ...heights];
    const next = layoutRows(grown.length, (i) => grownHeights[i]!);
    const index = findAnchorIndex(anchor, (i) => grown[i], grown.length, ids.length);
    expect(index).toBe(5);
    const top = scrollTopAfterChange(170, anchor, next, index);
    expect(top).toBe(170 + 270);
    expect(captureAnchor(next, (i) => grown[i], top)).toMatchObject({ id: 'c', offsetPx: 20 });
  });

  it('keeps the anchor when a row above it gets measured taller than estimated', () => {
    const anchor = captureAnchor(offsets, (i) => ids[i], 360)!; // row b, 10 px in
    const measured = layoutRows(5, (i) => (i === 1 ? 150 : heights[i]!)); // row d: 50 → 150
    const index = findAnchorIndex(anchor, (i) => ids[i], 5, 5);
    expect(scrollTopAfterChange(360, anchor, measured, index)).toBe(460);
  });

  it('finds the anchor after older rows were appended, and by scanning when rows moved', () => {
    const anchor = { id: 'b', index: 3, offsetPx: 0 };
    expect(findAnchorIndex(anchor, (i) => [...ids, 'z', 'y'][i], 7, 5)).toBe(3);
    expect(findAnchorIndex(anchor, (i) => ['b', 'x'][i], 2, 5)).toBe(0);
    expect(findAnchorIndex(anchor, (i) => ['x'][i], 1, 5)).toBe(-1);
  });

  it('stays at the top when the reader is at the top (the column follows live posts)', () => {
    expect(isAtTop(0)).toBe(true);
    expect(isAtTop(2)).toBe(true);
    expect(isAtTop(3)).toBe(false);
    expect(scrollTopAfterChange(1, null, offsets, -1)).toBe(0);
  });

  it('keeps the old position when the anchor is gone', () => {
    expect(scrollTopAfterChange(300, { id: 'gone', index: 2, offsetPx: 5 }, offsets, -1)).toBe(300);
  });

  it('restores a stored anchor, never above the top', () => {
    expect(anchoredScrollTop(offsets, 3, 15)).toBe(365);
    expect(anchoredScrollTop(offsets, 0, -30)).toBe(0);
    expect(anchoredScrollTop(offsets, 9, 0)).toBe(0);
  });
});

describe('estimates and paging', () => {
  it('estimates unmeasured rows by the mean of measured ones', () => {
    expect(estimatedRowHeight(0, 0, 120)).toBe(120);
    expect(estimatedRowHeight(300, 3, 120)).toBe(100);
  });

  it('says when the rendered rows approach the end', () => {
    expect(nearEnd({ start: 70, end: 88 }, 100, 15)).toBe(true);
    expect(nearEnd({ start: 0, end: 20 }, 100, 15)).toBe(false);
    expect(nearEnd({ start: 0, end: 0 }, 0, 15)).toBe(false);
  });

  it('computes the largest scroll position', () => {
    expect(maxScrollTop(offsets, 200)).toBe(350);
    expect(maxScrollTop(offsets, 2_000)).toBe(0);
  });
});

// Reordering and resizing columns: the arithmetic behind the drag handles, the menu and the keys.
import { COLUMN_WIDTH } from '../../../shared/domain';

/** The index a one-step move leads to, or null when the column is already at that end. */
export function moveTargetIndex(index: number, direction: -1 | 1, count: number): number | null {
  const target = index + direction;
  return index < 0 || target < 0 || target >= count ? null : target;
}

/**
 * Where a dragged column lands when dropped on the column at `overIndex`, on its left or right
 * half. Indexes are of the deck before the move; the result is the `toIndex` for moveColumn.
 */
export function dropIndex(fromIndex: number, overIndex: number, side: 'before' | 'after'): number {
  const slot = side === 'before' ? overIndex : overIndex + 1;
  return slot > fromIndex ? slot - 1 : slot;
}

export const clampWidth = (width: number): number => Math.round(Math.min(COLUMN_WIDTH.max, Math.max(COLUMN_WIDTH.min, width)));

/** Arrow keys resize by a step, Shift makes it larger, Home / End go to the limits. */
export function widthAfterKey(width: number, key: string, shiftKey: boolean): number | null {
  const step = shiftKey ? 80 : 20;
  switch (key) {
    case 'ArrowLeft':
      return clampWidth(width - step);
    case 'ArrowRight':
      return clampWidth(width + step);
    case 'Home':
      return COLUMN_WIDTH.min;
    case 'End':
      return COLUMN_WIDTH.max;
    default:
      return null;
  }
}

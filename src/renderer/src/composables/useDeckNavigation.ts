// Moving around the deck with the keyboard: each column's post list registers how to step through
// its posts; the shortcuts find the column the agent is in and ask it.
import type { PostView } from '../../../shared/domain';

export interface ColumnNavigator {
  /** Focuses the post `delta` away from the focused one (the first one on screen if none). */
  step(delta: number): void;
  /** Focuses the first post on screen, or the column when it has none; false when it cannot. */
  focusFirst(): boolean;
  /** The post that has (or last had) focus in the column. */
  focusedPost(): PostView | null;
}

const navigators = new Map<string, ColumnNavigator>();
let lastColumnId: string | null = null;

export function registerNavigator(columnId: string, navigator: ColumnNavigator): () => void {
  navigators.set(columnId, navigator);
  return () => {
    if (navigators.get(columnId) === navigator) navigators.delete(columnId);
  };
}

export const navigatorOf = (columnId: string): ColumnNavigator | undefined => navigators.get(columnId);

/** Remembers the column focus was last in, so keys still know it after its post scrolled away. */
export function noteColumnFocus(columnId: string): void {
  lastColumnId = columnId;
}

export function columnElement(columnId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-column-id="${CSS.escape(columnId)}"]`);
}

/** The column holding focus now, else the one it was last in (if it still exists). */
export function activeColumnId(existing: readonly string[]): string | null {
  const active = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[data-column-id]') : null;
  const id = active?.dataset.columnId ?? lastColumnId;
  return id && existing.includes(id) ? id : null;
}

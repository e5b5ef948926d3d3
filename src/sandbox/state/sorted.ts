// Lists of posts kept in id order (oldest first), with binary search by id.
import { compareIds } from './ids';

export interface HasId {
  readonly id: string;
}

/** Index of the first item whose id is greater than `id` (items.length when none). */
export function firstAfter(items: readonly HasId[], id: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(items[middle]!.id, id) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first item whose id is at least `id`. */
export function firstAtOrAfter(items: readonly HasId[], id: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(items[middle]!.id, id) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts keeping id order; appending (the usual case, ids grow with time) costs nothing. */
export function insertSorted<T extends HasId>(items: T[], item: T): void {
  const last = items[items.length - 1];
  if (!last || compareIds(last.id, item.id) < 0) items.push(item);
  else items.splice(firstAfter(items, item.id), 0, item);
}

/** Drops every item whose id is at most `id`. */
export function dropThrough<T extends HasId>(items: T[], id: string): void {
  const count = firstAfter(items, id);
  if (count > 0) items.splice(0, count);
}

// X ids are 64-bit snowflakes carried as decimal strings: compare them as numbers without BigInt.

/** Sort comparator: larger (newer) ids first. */
export function compareIdsDescending(a: string, b: string): number {
  return a.length !== b.length ? b.length - a.length : a < b ? 1 : a > b ? -1 : 0;
}

/** The newest of some ids, or null for none. */
export function newestId(ids: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const id of ids) if (newest === null || compareIdsDescending(id, newest) < 0) newest = id;
  return newest;
}

/** True when `a` is newer than `b` (null is older than everything). */
export function isNewer(a: string, b: string | null): boolean {
  return b === null || compareIdsDescending(a, b) < 0;
}

// X ids (posts, users, DM events) are 64-bit snowflakes carried as decimal strings: longer than
// JavaScript's safe integers, so they are checked and compared as strings, never as numbers.
// SQLite stores them as signed 64-bit integers, hence the ceiling of 2^63 − 1: a larger "id" would
// be stored as a float and compare wrongly for good (an unread count frozen at zero, for one).
import { z } from 'zod';

/** 2^63 − 1: the largest id SQLite's INTEGER (and X in practice) holds. */
export const MAX_NUMERIC_ID = '9223372036854775807';

// Canonical decimal: no sign, no leading zeros (so equal ids are equal strings), at most 19 digits.
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]{0,18})$/;

/** True for a canonical decimal id from 0 to 2^63 − 1. */
export function isNumericId(text: string): boolean {
  return CANONICAL_DECIMAL.test(text) && (text.length < MAX_NUMERIC_ID.length || text <= MAX_NUMERIC_ID);
}

/** The one schema of an id in command inputs. */
export const numericId = z.string().refine(isNumericId, 'must be a numeric id (digits, no leading zeros, at most 9223372036854775807)');

/** Ascending numeric order of canonical ids: negative when `a` is older (smaller) than `b`. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort comparator for newest first: negative when `a` is newer than `b`. */
export function compareIdsNewestFirst(a: string, b: string): number {
  return compareIds(b, a);
}

/** True when `a` is newer than `b` (null is older than everything). */
export function isNewer(a: string, b: string | null): boolean {
  return b === null || compareIds(a, b) > 0;
}

/** The newest of some ids, or null for none. */
export function newestId(ids: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const id of ids) if (isNewer(id, newest)) newest = id;
  return newest;
}

/** The oldest of some ids, or null for none. */
export function oldestId(ids: Iterable<string>): string | null {
  let oldest: string | null = null;
  for (const id of ids) if (oldest === null || compareIds(id, oldest) < 0) oldest = id;
  return oldest;
}

/** X's id for the one-to-one DM conversation of two users: the smaller id first. */
export function oneToOneConversationId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}

// Per column: where its source resumes. `newest_id` is the newest post (or DM event) id filed;
// `gap_since_id` marks a stream gap not yet filled (the newest id before the gap began).
import type { Database } from './database';
import { statement } from './statements';

export function getCursor(db: Database, columnId: string): string | null {
  const row = statement(db, 'SELECT CAST(newest_id AS TEXT) AS id FROM sync_cursors WHERE column_id = ?').get(columnId) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Moves the cursor forward only: a late, older batch never rewinds it. */
export function advanceCursor(db: Database, columnId: string, newestId: string): void {
  statement(
    db,
    `INSERT INTO sync_cursors (column_id, newest_id) VALUES (?, ?)
     ON CONFLICT (column_id) DO UPDATE SET newest_id = MAX(newest_id, excluded.newest_id)`,
  ).run(columnId, newestId);
}

/** Where the open gap starts (exclusive), or null when none is open or nothing was ever filed. */
export function getGapSince(db: Database, columnId: string): string | null {
  const row = statement(db, 'SELECT CAST(gap_since_id AS TEXT) AS id FROM sync_cursors WHERE column_id = ?').get(columnId) as { id: string | null } | undefined;
  return row?.id ?? null;
}

/** Opens a gap at the cursor unless one is already open (an older gap start covers a newer one). */
export function openGap(db: Database, columnId: string): void {
  statement(db, 'UPDATE sync_cursors SET gap_since_id = COALESCE(gap_since_id, newest_id) WHERE column_id = ?').run(columnId);
}

/** After a fill: closes the gap (null) or moves its start to what the fill covered. */
export function setGapSince(db: Database, columnId: string, since: string | null): void {
  statement(db, 'UPDATE sync_cursors SET gap_since_id = ? WHERE column_id = ?').run(since, columnId);
}

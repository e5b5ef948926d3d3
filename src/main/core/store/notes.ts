// Internal notes on team cases: this desktop's replica of the hub's.
import type { CaseNote } from '../../../shared/hub-protocol';
import type { Database } from './database';
import { statement } from './statements';

interface NoteRow {
  seq: number;
  handle_id: string;
  post_id: string;
  member_id: string;
  text: string;
  at: number;
}

const toNote = (row: NoteRow): CaseNote => ({ seq: row.seq, handleId: row.handle_id, postId: row.post_id, memberId: row.member_id, text: row.text, at: row.at });

export function listNotes(db: Database, handleId: string, postId: string): CaseNote[] {
  return (statement(db, 'SELECT * FROM case_notes WHERE handle_id = ? AND post_id = ? ORDER BY seq').all(handleId, postId) as NoteRow[]).map(toNote);
}

/** Keeps a note once (an entry applied twice changes nothing); true when it is new here. */
export function saveNote(db: Database, note: CaseNote): boolean {
  return statement(db, 'INSERT OR IGNORE INTO case_notes (seq, handle_id, post_id, member_id, text, at) VALUES (?, ?, ?, ?, ?, ?)').run(note.seq, note.handleId, note.postId, note.memberId, note.text, note.at).changes > 0;
}

/** A snapshot's notes replace what was known. */
export function replaceNotes(db: Database, notes: readonly CaseNote[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM case_notes').run();
    for (const note of notes) saveNote(db, note);
  })();
}

// Notes about customers: this desktop's own on its own handles, and its replica of the team's (the
// hub keeps those; its log and snapshots bring them). Column filters ask who has notes.
import type { CustomerNote } from '../../../shared/customers';
import type { Database } from './database';
import { statement } from './statements';

interface NoteRow {
  id: string;
  customer_id: string;
  handle_id: string;
  author_id: string | null;
  text: string;
  at: number;
}

const toNote = (row: NoteRow): CustomerNote => ({ id: row.id, customerId: row.customer_id, handleId: row.handle_id, authorId: row.author_id, text: row.text, at: row.at });

/** What was written about a customer, oldest first. */
export function notesAbout(db: Database, customerId: string): CustomerNote[] {
  return (statement(db, 'SELECT id, customer_id, handle_id, author_id, text, at FROM customer_notes WHERE customer_id = ? ORDER BY at, rowid').all(customerId) as NoteRow[]).map(toNote);
}

/** Keeps a note once (an entry of the hub's log applied twice changes nothing); true when it is new here. */
export function saveCustomerNote(db: Database, note: CustomerNote, fromTeam: boolean): boolean {
  return (
    statement(db, 'INSERT OR IGNORE INTO customer_notes (id, customer_id, handle_id, author_id, text, at, from_team) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      note.id,
      note.customerId,
      note.handleId,
      note.authorId,
      note.text,
      note.at,
      fromTeam ? 1 : 0,
    ).changes > 0
  );
}

/** A snapshot's notes replace the team's known here; this desktop's own stay. */
export function replaceTeamCustomerNotes(db: Database, notes: readonly CustomerNote[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM customer_notes WHERE from_team = 1').run();
    for (const note of notes) saveCustomerNote(db, note, true);
  })();
}

/** How many notes there are about each of these customers (absent: none). */
export function noteCounts(db: Database, customerIds: readonly string[]): Map<string, number> {
  const count = statement(db, 'SELECT COUNT(*) AS count FROM customer_notes WHERE customer_id = ?');
  return new Map(customerIds.map((customerId) => [customerId, (count.get(customerId) as { count: number }).count]));
}

/** Whether anyone wrote a note about the customer: the column filters ask per post. */
export function hasCustomerNotes(db: Database, customerId: string): boolean {
  return statement(db, 'SELECT 1 FROM customer_notes WHERE customer_id = ? LIMIT 1').get(customerId) !== undefined;
}

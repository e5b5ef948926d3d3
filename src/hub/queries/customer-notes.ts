// Notes about customers, at the hub: written by the noteCustomer intent (inside its transaction),
// read back for snapshots, only those written through the handles a member may view.
import type { CustomerNote } from '../../shared/customers';
import type { HubDb } from '../db/schema';

export async function insertCustomerNote(db: HubDb, note: CustomerNote & { authorId: string }): Promise<void> {
  await db.insertInto('customer_notes').values({ id: note.id, customer_id: note.customerId, handle_id: note.handleId, member_id: note.authorId, text: note.text, at: note.at }).execute();
}

/** The notes written through these handles, oldest first. */
export async function customerNotesOn(db: HubDb, handleIds: readonly string[]): Promise<CustomerNote[]> {
  if (handleIds.length === 0) return [];
  const rows = await db.selectFrom('customer_notes').selectAll().where('handle_id', 'in', [...handleIds]).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, customerId: row.customer_id, handleId: row.handle_id, authorId: row.member_id, text: row.text, at: Number(row.at) }));
}

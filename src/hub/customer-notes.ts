// Notes about customers, applied inside the transaction of the noteCustomer intent (apply.ts has
// already checked the member's permission on the handle). The log entry carries the note whole,
// so every desktop of those who may view the handle keeps it as written.
import { newId } from './credentials';
import { requireHandle, type Handler } from './intent-context';
import { insertCustomerNote } from './queries/customer-notes';

const noteCustomer: Handler<'noteCustomer'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  const note = { id: newId('cnote'), customerId: args.customerId, handleId: args.handleId, authorId: context.access.member.id, text: args.text, at: context.now };
  await insertCustomerNote(context.db, note);
  return { result: { noteId: note.id }, logged: { handleId: note.handleId, customerId: note.customerId, noteId: note.id, text: note.text }, audience: 'member' };
};

export const CUSTOMER_NOTE_HANDLERS = { noteCustomer };

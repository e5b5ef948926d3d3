// Internal notes on cases: each is the applied addNote entry of the log (kept as the audit log, so
// retention never drops them), read back for snapshots.
import { z } from 'zod';
import type { CaseNote } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';

const noteArgs = z.object({ handleId: z.string(), postId: z.string(), text: z.string() });

export async function notesOn(db: HubDb, handleIds: readonly string[]): Promise<CaseNote[]> {
  if (handleIds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'space', 'actor_id', 'args', 'at'])
    .where('intent', '=', 'addNote')
    .where('outcome', '=', 'applied')
    .where('space', 'in', [...handleIds])
    .orderBy('seq')
    .execute();
  return rows.flatMap((row) => {
    const args = noteArgs.safeParse(JSON.parse(row.args));
    return args.success ? [{ seq: row.seq, handleId: args.data.handleId, postId: args.data.postId, memberId: row.actor_id, text: args.data.text, at: row.at }] : [];
  });
}

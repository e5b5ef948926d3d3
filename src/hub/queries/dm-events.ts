// The direct messages the hub ingested, per handle (as team_posts keeps posts): a DM case's
// messages for its assignee, snapshots and timelines, whatever the log's retention dropped.
import { z } from 'zod';
import type { DmEventView } from '../../shared/domain';
import { compareIds } from '../../shared/ids';
import type { HubDb } from '../db/schema';

/** DM events a handle keeps however old they are (a quiet handle's open cases still show theirs). */
export const KEPT_DM_EVENTS_PER_HANDLE = 5_000;

const storedDmEvent = z.custom<DmEventView>((value) => typeof value === 'object' && value !== null && 'id' in value && 'conversationId' in value && 'text' in value);

/** Keeps the events the handle did not have yet (a DM read by two columns is kept once). */
export async function keepDmEvents(db: HubDb, handleId: string, events: readonly DmEventView[], seq: number, at: number): Promise<void> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  if (unique.length === 0) return;
  await db
    .insertInto('team_dm_events')
    .values(unique.map((event) => ({ handle_id: handleId, event_id: event.id, conversation_id: event.conversationId, seq, payload: JSON.stringify(event), created_at: at })))
    .onConflict((oc) => oc.columns(['handle_id', 'event_id']).doNothing())
    .execute();
}

/** The kept events among `eventIds`, oldest first, each with the seq of the entry that brought it. */
export async function keptDmEvents(db: HubDb, handleId: string, eventIds: readonly string[]): Promise<{ event: DmEventView; seq: number }[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.selectFrom('team_dm_events').select(['payload', 'seq']).where('handle_id', '=', handleId).where('event_id', 'in', [...eventIds]).execute();
  const kept = rows.flatMap((row) => {
    const parsed = storedDmEvent.safeParse(JSON.parse(row.payload));
    return parsed.success ? [{ event: parsed.data, seq: Number(row.seq) }] : [];
  });
  return kept.sort((a, b) => compareIds(a.event.id, b.event.id));
}

/** The direct messages of a case: its opening message and those that joined it, as the hub kept them. */
export async function caseDmEvents(db: HubDb, handleId: string, casePostId: string): Promise<DmEventView[]> {
  const joined = await db.selectFrom('case_messages').select('post_id').where('handle_id', '=', handleId).where('case_post_id', '=', casePostId).execute();
  const ids = new Set([casePostId, ...joined.map((row) => row.post_id)]);
  return (await keptDmEvents(db, handleId, [...ids])).map((kept) => kept.event);
}

/** Retention, with the log's ingested entries: each handle keeps its newest `keep` events. */
export async function pruneDmEvents(db: HubDb, keep = KEPT_DM_EVENTS_PER_HANDLE): Promise<void> {
  const handles = await db.selectFrom('team_dm_events').select('handle_id').distinct().execute();
  for (const { handle_id: handleId } of handles) {
    const boundary = await db.selectFrom('team_dm_events').select('seq').where('handle_id', '=', handleId).orderBy('seq', 'desc').offset(keep).limit(1).executeTakeFirst();
    if (boundary) await db.deleteFrom('team_dm_events').where('handle_id', '=', handleId).where('seq', '<=', boundary.seq).execute();
  }
}

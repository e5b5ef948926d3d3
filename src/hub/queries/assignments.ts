// Cases: one row per (handle, opening post) with who has it and where it stands, compare-and-set
// on its version; the customer whose later messages join it (case_messages) and reopen it.
import { newCase, type AssignmentView, type CasePriority, type CaseStatus } from '../../shared/hub-protocol';
import type { PostView } from '../../shared/domain';
import { sql } from 'kysely';
import type { HubDb } from '../db/schema';
import { pausesFromJson, stringsFromJson } from '../../shared/case-tags';

interface Row {
  handle_id: string;
  post_id: string;
  assignee_id: string | null;
  status: CaseStatus;
  tags: string;
  version: number;
  customer_id: string | null;
  priority: CasePriority;
  snoozed_until: number | null;
  waiting_since: number | null;
  answered: number;
  pauses: string;
  do_not_engage: number;
  message_ids: string;
}

// PostgreSQL's bigint arrives as a string: numbers are read back as numbers.
const numberOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

const toView = (row: Row): AssignmentView => ({
  handleId: row.handle_id,
  postId: row.post_id,
  assigneeId: row.assignee_id,
  status: row.status,
  tags: stringsFromJson(row.tags),
  version: Number(row.version),
  customerId: row.customer_id,
  priority: row.priority,
  snoozedUntil: numberOrNull(row.snoozed_until),
  waitingSince: numberOrNull(row.waiting_since),
  answered: Number(row.answered) === 1,
  pauses: pausesFromJson(row.pauses),
  doNotEngage: Number(row.do_not_engage) === 1,
  messageIds: stringsFromJson(row.message_ids),
});

const CASE_FIELDS = ['handle_id', 'post_id', 'assignee_id', 'status', 'tags', 'version', 'customer_id', 'priority', 'snoozed_until', 'waiting_since', 'answered', 'pauses', 'do_not_engage', 'message_ids'] as const;

/** A post the hub ingested, when it still has it. */
export async function ingestedPost(db: HubDb, postId: string): Promise<PostView | null> {
  const row = await db.selectFrom('team_posts').select('payload').where('post_id', '=', postId).limit(1).executeTakeFirst();
  if (!row) return null;
  const payload: unknown = JSON.parse(row.payload);
  return payload && typeof payload === 'object' && 'id' in payload && 'authorId' in payload ? (payload as PostView) : null;
}

/** The case a post opened, or (a post the hub never made a case of) a fresh one. */
export async function assignmentOf(db: HubDb, handleId: string, postId: string): Promise<AssignmentView> {
  const row = await db.selectFrom('assignments').select(CASE_FIELDS).where('handle_id', '=', handleId).where('post_id', '=', postId).executeTakeFirst();
  if (row) return toView(row);
  return newCase(handleId, postId, { customerId: (await ingestedPost(db, postId))?.authorId ?? null });
}

/** The case a message of the handle belongs to: the one it opened, or the one it joined. */
export async function caseOfMessage(db: HubDb, handleId: string, postId: string): Promise<AssignmentView> {
  const joined = await db.selectFrom('case_messages').select('case_post_id').where('handle_id', '=', handleId).where('post_id', '=', postId).executeTakeFirst();
  return assignmentOf(db, handleId, joined?.case_post_id ?? postId);
}

/** Writes the case at its version (the caller checked the previous one inside the transaction). */
export async function writeAssignment(db: HubDb, assignment: AssignmentView, at: number): Promise<void> {
  const values = {
    assignee_id: assignment.assigneeId,
    status: assignment.status,
    tags: JSON.stringify(assignment.tags),
    version: assignment.version,
    updated_at: at,
    customer_id: assignment.customerId,
    priority: assignment.priority,
    snoozed_until: assignment.snoozedUntil,
    waiting_since: assignment.waitingSince,
    answered: assignment.answered ? 1 : 0,
    pauses: JSON.stringify(assignment.pauses),
    do_not_engage: assignment.doNotEngage ? 1 : 0,
    message_ids: JSON.stringify(assignment.messageIds),
  };
  const updated = await db.updateTable('assignments').set(values).where('handle_id', '=', assignment.handleId).where('post_id', '=', assignment.postId).executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  await db.insertInto('assignments').values({ handle_id: assignment.handleId, post_id: assignment.postId, created_at: at, ...values }).execute();
}

/** Records that `postId` (a customer's message) belongs to the case `casePostId` (moving it there when it belonged to another). */
export async function joinCase(db: HubDb, handleId: string, postId: string, casePostId: string, at: number): Promise<void> {
  await db
    .insertInto('case_messages')
    .values({ handle_id: handleId, post_id: postId, case_post_id: casePostId, at })
    .onConflict((oc) => oc.columns(['handle_id', 'post_id']).doUpdateSet({ case_post_id: casePostId }))
    .execute();
}

/** Which of these posts already belong to a case of the handle. */
export async function postsInCases(db: HubDb, handleId: string, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await db.selectFrom('case_messages').select('post_id').where('handle_id', '=', handleId).where('post_id', 'in', [...postIds]).execute();
  return new Set(rows.map((row) => row.post_id));
}

/** The customer's newest case on the handle (a new message of theirs joins it), if any. */
export async function newestCaseOf(db: HubDb, handleId: string, customerId: string): Promise<{ case: AssignmentView; updatedAt: number } | null> {
  const row = await db
    .selectFrom('assignments')
    .select([...CASE_FIELDS, 'updated_at'])
    .where('handle_id', '=', handleId)
    .where('customer_id', '=', customerId)
    // A case merged into another gathers nothing any more: its own post belongs to the other.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('case_messages').select('case_messages.post_id').whereRef('case_messages.handle_id', '=', 'assignments.handle_id').whereRef('case_messages.post_id', '=', 'assignments.post_id').whereRef('case_messages.case_post_id', '!=', 'assignments.post_id'))),
    )
    .orderBy('created_at', 'desc')
    // Opened at the same moment: the case of the newer post is the newer one.
    .orderBy(sql`length(post_id)`, 'desc')
    .orderBy('post_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { case: toView(row), updatedAt: Number(row.updated_at) } : null;
}

/**
 * The cases a member may hold in their replica: every case of a handle whose queue they see, and
 * elsewhere (the posts given to a trainee) only their own.
 */
export async function casesVisibleTo(db: HubDb, memberId: string, queueHandleIds: readonly string[], handleIds: readonly string[]): Promise<AssignmentView[]> {
  if (handleIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments')
    .select(CASE_FIELDS)
    .where((eb) => {
      const own = eb.and([eb('handle_id', 'in', [...handleIds]), eb('assignee_id', '=', memberId)]);
      return queueHandleIds.length > 0 ? eb.or([eb('handle_id', 'in', [...queueHandleIds]), own]) : own;
    })
    .orderBy('handle_id')
    .orderBy('post_id')
    .execute();
  return rows.map(toView);
}

/** Snoozed cases whose time came (the leader wakes them). */
export async function dueSnoozes(db: HubDb, now: number, limit = 200): Promise<AssignmentView[]> {
  const rows = await db.selectFrom('assignments').select(CASE_FIELDS).where('status', '=', 'snoozed').where('snoozed_until', 'is not', null).where('snoozed_until', '<=', now).limit(limit).execute();
  return rows.map(toView);
}

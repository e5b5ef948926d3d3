// Team handles' cases (who has each, where it stands, its SLA clock): this desktop's replica of
// the hub's, and which posts joined which case.
import { newCase, type AssignmentView, type CaseStatus } from '../../../shared/hub-protocol';
import { caseDetailFromJson, stringsFromJson } from '../../../shared/case-tags';
import type { Database } from './database';
import { statement } from './statements';

export interface AssignmentRow {
  handle_id: string;
  post_id: string;
  assignee_id: string | null;
  status: CaseStatus;
  tags: string;
  version: number;
  detail: string;
}

const SELECT = 'SELECT handle_id, post_id, assignee_id, status, tags, version, detail FROM post_assignments';

/** A stored row as a case. */
export const toView = (row: AssignmentRow): AssignmentView =>
  newCase(row.handle_id, row.post_id, { ...caseDetailFromJson(row.detail), assigneeId: row.assignee_id, status: row.status, tags: stringsFromJson(row.tags), version: row.version });

/** What `detail` keeps: all but the columns of their own. */
function detailOf(assignment: AssignmentView): string {
  const { customerId, priority, snoozedUntil, waitingSince, answered, pauses, doNotEngage, messageIds } = assignment;
  return JSON.stringify({ customerId, priority, snoozedUntil, waitingSince, answered, pauses, doNotEngage, messageIds });
}

export function listAssignments(db: Database): AssignmentView[] {
  return (statement(db, `${SELECT} ORDER BY handle_id, post_id`).all() as AssignmentRow[]).map(toView);
}

export function getAssignment(db: Database, handleId: string, postId: string): AssignmentView | null {
  const row = statement(db, `${SELECT} WHERE handle_id = ? AND post_id = ?`).get(handleId, postId) as AssignmentRow | undefined;
  return row ? toView(row) : null;
}

/** The open cases assigned to a member (the SLA watch reads them; an index serves it). */
export function openCasesOf(db: Database, memberId: string): AssignmentView[] {
  return (statement(db, `${SELECT} WHERE assignee_id = ? AND status = 'open'`).all(memberId) as AssignmentRow[]).map(toView);
}

/** Every open case, whoever has it (the alerts' breach watch reads them; an index serves it). */
export function openCases(db: Database): AssignmentView[] {
  return (statement(db, `${SELECT} WHERE status = 'open'`).all() as AssignmentRow[]).map(toView);
}

/** The case a post of the handle belongs to: the one it opened or joined (null: none known here). */
export function caseOfPost(db: Database, handleId: string, postId: string): AssignmentView | null {
  const joined = statement(db, 'SELECT case_post_id FROM case_messages WHERE handle_id = ? AND post_id = ?').get(handleId, postId) as { case_post_id: string } | undefined;
  return getAssignment(db, handleId, joined?.case_post_id ?? postId);
}

/** Keeps an assignment unless a newer version is already here (entries may be applied twice); its messages point to it. */
export function saveAssignment(db: Database, assignment: AssignmentView): boolean {
  const saved = writeAssignment(db, assignment);
  if (saved) saveCaseMessages(db, assignment.handleId, assignment.messageIds.map((postId) => ({ postId, casePostId: assignment.postId })));
  return saved;
}

function writeAssignment(db: Database, assignment: AssignmentView): boolean {
  return (
    statement(
      db,
      `INSERT INTO post_assignments (handle_id, post_id, assignee_id, status, tags, version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (handle_id, post_id) DO UPDATE SET assignee_id = excluded.assignee_id, status = excluded.status, tags = excluded.tags,
         version = excluded.version, detail = excluded.detail
       WHERE excluded.version > post_assignments.version`,
    ).run(assignment.handleId, assignment.postId, assignment.assigneeId, assignment.status, JSON.stringify(assignment.tags), assignment.version, detailOf(assignment)).changes > 0
  );
}

/** Posts that joined a case of their author's (or moved to another: merged, split). */
export function saveCaseMessages(db: Database, handleId: string, joined: readonly { postId: string; casePostId: string }[]): void {
  const insert = statement(db, 'INSERT INTO case_messages (handle_id, post_id, case_post_id) VALUES (?, ?, ?) ON CONFLICT (handle_id, post_id) DO UPDATE SET case_post_id = excluded.case_post_id');
  for (const item of joined) insert.run(handleId, item.postId, item.casePostId);
}

/** A snapshot's assignments replace what was known. */
export function replaceAssignments(db: Database, assignments: readonly AssignmentView[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM post_assignments').run();
    for (const assignment of assignments) saveAssignment(db, assignment);
  })();
}

/**
 * Messages that joined a case it already had waiting (the hub says so in the ingested entry, not
 * by a new version): added to its list here too; answers the cases that changed.
 */
export function addCaseMessages(db: Database, handleId: string, joined: readonly { postId: string; casePostId: string }[]): AssignmentView[] {
  const changed = new Map<string, AssignmentView>();
  for (const { postId, casePostId } of joined) {
    const current = changed.get(casePostId) ?? getAssignment(db, handleId, casePostId);
    if (!current || current.messageIds.includes(postId)) continue;
    const next = { ...current, messageIds: [...current.messageIds, postId] };
    statement(db, 'UPDATE post_assignments SET detail = ? WHERE handle_id = ? AND post_id = ? AND version = ?').run(detailOf(next), handleId, casePostId, next.version);
    changed.set(casePostId, next);
  }
  return [...changed.values()];
}

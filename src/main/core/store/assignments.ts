// Team handles' posts as cases (who has each, where it stands): this desktop's replica of the hub's.
import type { AssignmentView, CaseStatus } from '../../../shared/hub-protocol';
import { tagsFromJson } from '../../../shared/case-tags';
import type { Database } from './database';
import { statement } from './statements';

interface AssignmentRow {
  handle_id: string;
  post_id: string;
  assignee_id: string | null;
  status: CaseStatus;
  tags: string;
  version: number;
}

const toView = (row: AssignmentRow): AssignmentView => ({ handleId: row.handle_id, postId: row.post_id, assigneeId: row.assignee_id, status: row.status, tags: tagsFromJson(row.tags), version: row.version });

export function listAssignments(db: Database): AssignmentView[] {
  return (statement(db, 'SELECT handle_id, post_id, assignee_id, status, tags, version FROM post_assignments ORDER BY handle_id, post_id').all() as AssignmentRow[]).map(toView);
}

export function getAssignment(db: Database, handleId: string, postId: string): AssignmentView | null {
  const row = statement(db, 'SELECT handle_id, post_id, assignee_id, status, tags, version FROM post_assignments WHERE handle_id = ? AND post_id = ?').get(handleId, postId) as AssignmentRow | undefined;
  return row ? toView(row) : null;
}

/** Keeps an assignment unless a newer version is already here (entries may be applied twice). */
export function saveAssignment(db: Database, assignment: AssignmentView): boolean {
  return (
    statement(
      db,
      `INSERT INTO post_assignments (handle_id, post_id, assignee_id, status, tags, version) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (handle_id, post_id) DO UPDATE SET assignee_id = excluded.assignee_id, status = excluded.status, tags = excluded.tags, version = excluded.version
       WHERE excluded.version > post_assignments.version`,
    ).run(assignment.handleId, assignment.postId, assignment.assigneeId, assignment.status, JSON.stringify(assignment.tags), assignment.version).changes > 0
  );
}

/** A snapshot's assignments replace what was known. */
export function replaceAssignments(db: Database, assignments: readonly AssignmentView[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM post_assignments').run();
    for (const assignment of assignments) saveAssignment(db, assignment);
  })();
}

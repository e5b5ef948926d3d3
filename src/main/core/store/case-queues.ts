// The posts of a case queue column ("Assigned to me", "Unassigned", "Cases"), newest case first:
// the handle's cases in this desktop's replica that the queue holds, each shown by its opening
// post. SQL narrows by handle and status (indexed) and reads newest first in chunks; the queue's
// own rule (inQueue, shared with the renderer's header count) decides, so both agree.
import { inQueue, type CaseQueue } from '../../../shared/case-queues';
import type { PostPredicate } from '../../../shared/column-filters';
import type { PostView } from '../../../shared/domain';
import { getPostViews, NO_UPPER_BOUND, withQuoted } from './posts';
import { toView, type AssignmentRow } from './assignments';
import type { Database } from './database';
import { statement } from './statements';

const CHUNK = 200;

export function caseQueuePosts(
  db: Database,
  handleId: string,
  queue: CaseQueue,
  selfId: string | null,
  page: { limit: number; beforeId?: string | undefined; predicate?: PostPredicate | null },
): PostView[] {
  const statuses = queue.statuses.length > 0 ? ` AND status IN (${queue.statuses.map(() => '?').join(', ')})` : '';
  const chunk = statement(
    db,
    `SELECT handle_id, post_id, assignee_id, status, tags, version, detail FROM post_assignments
     WHERE handle_id = ?${statuses} AND CAST(post_id AS INTEGER) < CAST(? AS INTEGER)
     ORDER BY CAST(post_id AS INTEGER) DESC LIMIT ${CHUNK}`,
  );
  const shown: PostView[] = [];
  let before = page.beforeId ?? NO_UPPER_BOUND;
  while (shown.length < page.limit) {
    const rows = chunk.all(handleId, ...queue.statuses, before) as AssignmentRow[];
    const held = rows.filter((row) => inQueue(toView(row), queue, handleId, selfId));
    // A case whose post this desktop does not hold (yet) is skipped.
    for (const view of getPostViews(db, held.map((row) => row.post_id))) {
      if (shown.length < page.limit && (!page.predicate || page.predicate(view))) shown.push(view);
    }
    const last = rows.at(-1);
    if (rows.length < CHUNK || !last) break;
    before = last.post_id;
  }
  return withQuoted(db, shown);
}

// The posts of a case queue column ("Assigned to me", "Unassigned", "Cases"), newest case first:
// the handle's cases in this desktop's replica that the queue holds, each shown by its opening post.
import { inQueue, type CaseQueue } from '../../../shared/case-queues';
import type { PostView } from '../../../shared/domain';
import { compareIds, compareIdsNewestFirst } from '../../../shared/ids';
import type { PostPredicate } from '../../../shared/column-filters';
import { getPostViews, withQuoted } from './posts';
import { listAssignments } from './assignments';
import type { Database } from './database';

export function caseQueuePosts(
  db: Database,
  handleId: string,
  queue: CaseQueue,
  selfId: string | null,
  page: { limit: number; beforeId?: string | undefined; predicate?: PostPredicate | null },
): PostView[] {
  const ids = listAssignments(db)
    .filter((item) => inQueue(item, queue, handleId, selfId))
    .map((item) => item.postId)
    .filter((id) => page.beforeId === undefined || compareIds(id, page.beforeId) < 0)
    .sort(compareIdsNewestFirst);
  const shown: PostView[] = [];
  // A case whose post this desktop does not hold (yet) is skipped: read on until the page is full.
  for (let start = 0; start < ids.length && shown.length < page.limit; start += page.limit) {
    for (const view of getPostViews(db, ids.slice(start, start + page.limit))) {
      if (shown.length < page.limit && (!page.predicate || page.predicate(view))) shown.push(view);
    }
  }
  return withQuoted(db, shown);
}

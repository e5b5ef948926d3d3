// What a customer's new post does to the handle's cases: it opens a case, or joins the customer's
// latest one (reopening it when it waited, was snoozed or resolved lately), so one conversation
// stays one case and nobody answers the same customer twice.
import type { PostView } from '../../shared/domain';
import { newCase, type AssignmentView } from '../../shared/hub-protocol';
import { customerWrote } from '../../shared/case-transitions';
import { compareIds } from '../../shared/ids';
import type { CaseSettings } from '../../shared/case-settings';
import type { AssignTarget } from '../../shared/routing-rules';
import type { HubDb } from '../db/schema';
import { routeOpenedCase } from './case-routing';
import { joinCase, newestCaseOf, postsInCases, writeAssignment } from '../queries/assignments';

/** A case resolved longer ago than this is history: the customer's new post opens a new one. */
export const REOPEN_RESOLVED_WITHIN_MS = 7 * 24 * 60 * 60_000;

export interface CaseIntake {
  /** Cases the posts opened, as the handle's rules shaped them (the ingested entry carries them to the queue's viewers). */
  opened: AssignmentView[];
  /** Whom the rules give each opened case to (by post id); absent: nobody in particular. */
  targets: Map<string, AssignTarget>;
  /** Posts that joined an existing case. */
  joined: { postId: string; casePostId: string }[];
  /** Cases that changed as their customer wrote again: logged one by one for their assignees too. */
  changed: { next: AssignmentView; previousAssigneeId: string | null; reopenedBy: string | null }[];
}

/** When the customer wrote: the post's time, unless X's clock says it is later than ours. */
function writtenAt(post: PostView, at: number): number {
  const created = Date.parse(post.createdAt);
  return Number.isFinite(created) && created <= at ? created : at;
}

export async function takeIntoCases(trx: HubDb, handleId: string, posts: readonly PostView[], at: number, settings: CaseSettings): Promise<CaseIntake> {
  const intake: CaseIntake = { opened: [], targets: new Map(), joined: [], changed: [] };
  const known = await postsInCases(trx, handleId, posts.map((post) => post.id));
  const fromCustomers = posts.filter((post) => post.authorId !== handleId && !known.has(post.id) && post.repostOfId === null).sort((a, b) => compareIds(a.id, b.id));
  for (const post of fromCustomers) {
    const latest = await newestCaseOf(trx, handleId, post.authorId);
    const isHistory = latest !== null && latest.case.status === 'resolved' && latest.updatedAt < at - REOPEN_RESOLVED_WITHIN_MS;
    if (latest && !isHistory && compareIds(post.id, latest.case.postId) > 0) {
      await joinCase(trx, handleId, post.id, latest.case.postId, at);
      intake.joined.push({ postId: post.id, casePostId: latest.case.postId });
      const current = latest.case;
      if (current.status === 'open' && current.waitingSince !== null) {
        // It already waits: only its list of messages grows (the ingested entry says so).
        await writeAssignment(trx, { ...current, messageIds: [...current.messageIds, post.id] }, at);
        continue;
      }
      const next = { ...customerWrote(current, writtenAt(post, at)), messageIds: [...current.messageIds, post.id] };
      await writeAssignment(trx, next, at);
      intake.changed.push({ next, previousAssigneeId: current.assigneeId, reopenedBy: current.status === 'open' ? null : post.id });
      continue;
    }
    const { routed, target } = routeOpenedCase(newCase(handleId, post.id, { customerId: post.authorId, waitingSince: writtenAt(post, at), version: 1, messageIds: [post.id] }), post, settings);
    await writeAssignment(trx, routed, at);
    await joinCase(trx, handleId, post.id, post.id, at);
    intake.opened.push(routed);
    if (target) intake.targets.set(post.id, target);
  }
  return intake;
}

// What a customer's new post or direct message does to the handle's cases: it opens a case, or
// joins the customer's latest one (reopening it when it waited, was snoozed or resolved lately), so
// one conversation (public or moved to DM) stays one case and nobody answers the customer twice.
import type { DmEventView, PostView } from '../../shared/domain';
import { newCase, type AssignmentView } from '../../shared/hub-protocol';
import { customerWrote } from '../../shared/case-transitions';
import { compareIds } from '../../shared/ids';
import type { CaseSettings } from '../../shared/case-settings';
import type { AssignTarget } from '../../shared/routing-rules';
import type { HubDb } from '../db/schema';
import { labelsOf, routeOpenedCase } from './case-routing';
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

/** A post or a direct message, as case work sees it. */
export interface CustomerMessage {
  id: string;
  authorId: string;
  createdAt: string;
  text: string;
  lang: string | null;
  followers: number | null;
  verified: boolean | null;
  /** A repost says nothing new: it opens no case. */
  repost: boolean;
}

export const messageOfPost = (post: PostView): CustomerMessage => ({
  id: post.id,
  authorId: post.authorId,
  createdAt: post.createdAt,
  text: post.text,
  lang: post.lang,
  followers: post.author.followersCount,
  verified: post.author.verified,
  repost: post.repostOfId !== null,
});

export const messageOfDm = (event: DmEventView): CustomerMessage => ({
  id: event.id,
  authorId: event.senderId,
  createdAt: event.createdAt,
  text: event.text,
  lang: null,
  followers: event.sender?.followersCount ?? null,
  verified: event.sender?.verified ?? null,
  repost: false,
});

/** When the customer wrote: the message's time, unless X's clock says it is later than ours. */
function writtenAt(post: CustomerMessage, at: number): number {
  const created = Date.parse(post.createdAt);
  return Number.isFinite(created) && created <= at ? created : at;
}

export async function takeIntoCases(trx: HubDb, handleId: string, posts: readonly CustomerMessage[], at: number, settings: CaseSettings): Promise<CaseIntake> {
  const intake: CaseIntake = { opened: [], targets: new Map(), joined: [], changed: [] };
  const known = await postsInCases(trx, handleId, posts.map((post) => post.id));
  const fromCustomers = posts.filter((post) => post.authorId !== handleId && !known.has(post.id) && !post.repost).sort((a, b) => compareIds(a.id, b.id));
  for (const post of fromCustomers) {
    const latest = await newestCaseOf(trx, handleId, post.authorId);
    const isHistory = latest !== null && latest.case.status === 'resolved' && latest.updatedAt < at - REOPEN_RESOLVED_WITHIN_MS;
    if (latest && !isHistory && compareIds(post.id, latest.case.postId) > 0) {
      await joinCase(trx, handleId, post.id, latest.case.postId, at);
      intake.joined.push({ postId: post.id, casePostId: latest.case.postId });
      const current = latest.case;
      const messageIds = [...current.messageIds, post.id];
      if (current.status === 'open' && current.waitingSince !== null) {
        // It already waits: only its list of messages grows, which the ingested entry's `joined`
        // tells every desktop (no entry of its own: caught-up desktops keep getting the post inline).
        await writeAssignment(trx, { ...current, messageIds }, at);
        continue;
      }
      // The case gathers the message and opens, its clock running again.
      const next = { ...customerWrote(current, writtenAt(post, at)), messageIds };
      await writeAssignment(trx, next, at);
      intake.changed.push({ next, previousAssigneeId: current.assigneeId, reopenedBy: current.status === 'open' ? null : post.id });
      continue;
    }
    // Labels matter only to routing rules; a handle without rules reads none.
    const labels = settings.routing.length > 0 ? await labelsOf(trx, post.authorId) : [];
    const { routed, target } = routeOpenedCase(newCase(handleId, post.id, { customerId: post.authorId, waitingSince: writtenAt(post, at), version: 1, messageIds: [post.id] }), post, settings, labels);
    await writeAssignment(trx, routed, at);
    await joinCase(trx, handleId, post.id, post.id, at);
    intake.opened.push(routed);
    if (target) intake.targets.set(post.id, target);
  }
  return intake;
}

// How a changed case enters the log: one caseChanged entry for those who see the handle's queue and
// for its assignee (who gets the post with it, or the direct messages of a DM case: they may not
// see the queue it came from), and, when the case was taken from someone, one for them alone so
// their desktop stops showing it as theirs.
import type { AssignmentView, HubEntryArgs } from '../shared/hub-protocol';
import type { HubDb } from './db/schema';
import { ingestedPost } from './queries/assignments';
import { caseDmEvents, keptDmEvents } from './queries/dm-events';
import { appendEvent, takeNextSeq } from './queries/log';

export interface CaseLogOrigin {
  space: string;
  actorId: string;
  clientId: string;
  mutationId: number;
  at: number;
}

export type CaseChangeCause = Pick<HubEntryArgs['caseChanged'], 'reopenedBy' | 'snoozeEnded'>;

/** The messages an assignee outside the queue needs: the whole case when it is new to them, else the DM that reopened it. */
async function messagesFor(trx: HubDb, next: AssignmentView, newAssignee: boolean, cause: CaseChangeCause): Promise<Pick<HubEntryArgs['caseChanged'], 'post' | 'dms'>> {
  if (newAssignee) {
    const post = await ingestedPost(trx, next.postId);
    const dms = await caseDmEvents(trx, next.handleId, next.postId);
    return { ...(post ? { post } : {}), ...(dms.length > 0 ? { dms } : {}) };
  }
  if (next.assigneeId === null || cause.reopenedBy === undefined) return {};
  const dms = (await keptDmEvents(trx, next.handleId, [cause.reopenedBy])).map((kept) => kept.event);
  return dms.length > 0 ? { dms } : {};
}

export async function logCaseChange(trx: HubDb, origin: CaseLogOrigin, next: AssignmentView, previousAssigneeId: string | null, cause: CaseChangeCause = {}): Promise<void> {
  const newAssignee = next.assigneeId !== null && next.assigneeId !== previousAssigneeId;
  const args: HubEntryArgs['caseChanged'] = { case: next, ...cause, ...(await messagesFor(trx, next, newAssignee, cause)) };
  const entry = { ...origin, intent: 'caseChanged', outcome: 'applied' as const, reason: null };
  await appendEvent(trx, { ...entry, seq: await takeNextSeq(trx), audience: 'case', forMember: next.assigneeId, args });
  if (previousAssigneeId !== null && previousAssigneeId !== next.assigneeId) {
    await appendEvent(trx, { ...entry, seq: await takeNextSeq(trx), audience: 'case-only', forMember: previousAssigneeId, args: { case: next } });
  }
}

// How a changed case enters the log: one caseChanged entry for those who see the handle's queue and
// for its assignee (who gets the post with it: they may not see the queue it came from), and, when
// the case was taken from someone, one for them alone so their desktop stops showing it as theirs.
import type { AssignmentView, HubEntryArgs } from '../shared/hub-protocol';
import type { HubDb } from './db/schema';
import { ingestedPost } from './queries/assignments';
import { appendEvent, takeNextSeq } from './queries/log';

export interface CaseLogOrigin {
  space: string;
  actorId: string;
  clientId: string;
  mutationId: number;
  at: number;
}

export type CaseChangeCause = Pick<HubEntryArgs['caseChanged'], 'reopenedBy' | 'snoozeEnded'>;

export async function logCaseChange(trx: HubDb, origin: CaseLogOrigin, next: AssignmentView, previousAssigneeId: string | null, cause: CaseChangeCause = {}): Promise<void> {
  const post = next.assigneeId !== null && next.assigneeId !== previousAssigneeId ? await ingestedPost(trx, next.postId) : null;
  const args: HubEntryArgs['caseChanged'] = { case: next, ...cause, ...(post ? { post } : {}) };
  const entry = { ...origin, intent: 'caseChanged', outcome: 'applied' as const, reason: null };
  await appendEvent(trx, { ...entry, seq: await takeNextSeq(trx), audience: 'case', forMember: next.assigneeId, args });
  if (previousAssigneeId !== null && previousAssigneeId !== next.assigneeId) {
    await appendEvent(trx, { ...entry, seq: await takeNextSeq(trx), audience: 'case-only', forMember: previousAssigneeId, args: { case: next } });
  }
}

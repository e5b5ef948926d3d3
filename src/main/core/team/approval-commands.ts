// The approval queue of a team handle: a member without send-without-approval submits a reply,
// an approver approves it (as written, or edited: the hub then sends it) or rejects it with a
// note. The hub keeps the queue and checks each step; this desktop asks, and shows what it holds.
import { DeckhandError } from '../../../shared/errors';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import { getPostViews } from '../store/posts';
import type { TeamLink } from './team-link';

/** `prepare`: the reply as it would be sent (signed, checked against X's reply rule), as for a reply sent at once. */
export function approvalCommands(deps: { db: Database; team: TeamLink; prepare: (input: { accountId: string; inReplyToPostId: string; text: string }) => string }): Pick<CommandHandlers, 'submitReply' | 'listApprovals' | 'decideApproval'> {
  const { db, team } = deps;
  const requireTeamHandle = (accountId: string) => {
    if (getAccount(db, accountId)?.fromTeam !== true) throw new DeckhandError('invalid_input', 'Approvals are a team’s: this handle is not one of your team’s.');
  };
  return {
    submitReply: async (input) => {
      requireTeamHandle(input.accountId);
      return { approvalId: await team.work.submitReply(input.accountId, input.inReplyToPostId, deps.prepare(input)) };
    },
    listApprovals: async (input) => {
      requireTeamHandle(input.accountId);
      const approvals = await team.work.listApprovals(input.accountId, input.status);
      // A new post's approval answers no post.
      const posts = new Map(getPostViews(db, [...new Set(approvals.filter((approval) => approval.kind === 'reply').map((approval) => approval.postId))]).map((post) => [post.id, post]));
      return approvals.map((approval) => ({ ...approval, post: posts.get(approval.postId) ?? null }));
    },
    decideApproval: async (input) => {
      requireTeamHandle(input.accountId);
      await team.work.decideApproval({
        handleId: input.accountId,
        approvalId: input.approvalId,
        approve: input.approve,
        ...(input.approve && input.text !== undefined ? { text: input.text } : {}),
        ...(input.note ? { note: input.note } : {}),
      });
      return null;
    },
  };
}

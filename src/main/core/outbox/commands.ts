// New posts and the Scheduled column's commands, for a handle of this desktop's own.
import { DeckhandError } from '../../../shared/errors';
import { measurePost } from '../../../shared/post-length';
import { signedText } from '../../../shared/reply-signature';
import { readReplySettings, type ReplySettingsDeps } from '../actions/reply-settings';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { TeamLink } from '../team/team-link';
import type { SendQueue } from './send-queue';

type OutboxCommands = Pick<CommandHandlers, 'createPost' | 'submitPost' | 'listOutbox' | 'cancelOutboxItem' | 'retryOutboxItem'>;

export interface OutboxCommandDeps {
  db: Database;
  queue: SendQueue;
  /** A team handle's posts go through the team's hub and its outbox. */
  team: TeamLink;
  replySettings: ReplySettingsDeps;
  /** The day's spend learns of a post that went out. */
  recordSend(accountId: string, text: string): Promise<void>;
}

export function outboxCommands(deps: OutboxCommandDeps): OutboxCommands {
  const { db, queue } = deps;
  const accountOf = (accountId: string) => {
    const account = getAccount(db, accountId);
    if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
    return account;
  };
  /** Signed like the handle's replies ("disclose who runs the handle"), and still within X's limit. */
  const finalText = (accountId: string, text: string) => {
    const { signature } = readReplySettings(deps.replySettings, accountId);
    const signed = signedText(text, signature);
    const { reason } = measurePost(signed, signature ? `Post text with the signature ${signature}` : 'Post text');
    if (reason) throw new DeckhandError('invalid_input', reason);
    return signed;
  };
  return {
    createPost: async (input) => {
      const account = accountOf(input.accountId);
      const text = finalText(input.accountId, input.text);
      if (account.fromTeam) {
        const item = await deps.team.work.createPost(input.accountId, text, input.sendAt === null ? null : Date.parse(input.sendAt));
        // This desktop's own count, for when the hub cannot be asked for the team's.
        if (item.status === 'sent') await deps.recordSend(input.accountId, text);
        return item;
      }
      if (input.sendAt !== null) return queue.schedule({ accountId: input.accountId, text, sendAt: input.sendAt });
      const sent = await queue.sendNow({ accountId: input.accountId, kind: 'post', target: null, text });
      await deps.recordSend(input.accountId, text);
      return sent;
    },
    // A team member with post but not send-without-approval: an approver sends it (the hub checks both).
    submitPost: async (input) => {
      if (!accountOf(input.accountId).fromTeam) throw new DeckhandError('invalid_input', 'Approvals are a team’s: this handle is not one of your team’s.');
      const text = finalText(input.accountId, input.text);
      return { approvalId: await deps.team.work.submitPost(input.accountId, text, input.sendAt === null ? null : Date.parse(input.sendAt)) };
    },
    listOutbox: (input) => (accountOf(input.accountId).fromTeam ? deps.team.work.scheduledPosts(input.accountId) : queue.list(input.accountId)),
    cancelOutboxItem: async (input) => {
      if (accountOf(input.accountId).fromTeam) await deps.team.work.changeScheduledPost(input.accountId, input.id, 'cancel');
      else await queue.cancel(input.accountId, input.id);
      return null;
    },
    retryOutboxItem: async (input) => {
      if (accountOf(input.accountId).fromTeam) await deps.team.work.changeScheduledPost(input.accountId, input.id, 'retry');
      else await queue.retry(input.accountId, input.id);
      return null;
    },
  };
}

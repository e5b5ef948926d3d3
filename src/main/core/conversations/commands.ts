// The conversation and customer commands of the contract: read from this desktop's store; who sent
// each of the handle's own replies comes from the team's log (a member) or is this desktop's agent.
import type { ConversationView } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import { replySenders } from '../store/case-replies';
import { conversationOf, customerOf, userIdByUsername } from '../store/conversations';
import { dmThread } from '../store/dm-events';

/** The newest messages of a DM conversation a thread shows. */
const DM_THREAD_LIMIT = 200;
import type { Database } from '../store/database';

export interface ConversationDeps {
  db: Database;
  /** A team member's name, by id. */
  memberName(memberId: string): string;
}

export function conversationCommands(deps: ConversationDeps): Pick<CommandHandlers, 'getConversation' | 'getCustomer' | 'getCustomerByUsername' | 'listDmThread'> {
  const { db } = deps;
  /** The handle's own posts in the view, each with who sent it. */
  const sendersOf = (view: Omit<ConversationView, 'senders'>, handleId: string): Record<string, string> => {
    const own = [...view.ancestors, view.focus, ...view.replies].filter((post) => post.authorId === handleId).map((post) => post.id);
    if (!getAccount(db, handleId)?.fromTeam) return Object.fromEntries(own.map((id) => [id, 'You']));
    const members = replySenders(db, own);
    return Object.fromEntries(own.flatMap((id) => {
      const member = members.get(id);
      return member ? [[id, deps.memberName(member)]] : [];
    }));
  };
  return {
    getConversation: ({ accountId, postId }) => {
      const view = conversationOf(db, postId);
      if (!view) throw new DeckhandError('not_found', 'This desktop does not hold that post.');
      return { ...view, senders: sendersOf(view, accountId) };
    },
    listDmThread: ({ conversationId }) => dmThread(db, conversationId, DM_THREAD_LIMIT),
    getCustomer: ({ accountId, userId }) => {
      const customer = customerOf(db, accountId, userId);
      if (!customer) throw new DeckhandError('not_found', 'This desktop has never seen that account.');
      return customer;
    },
    getCustomerByUsername: ({ accountId, username }) => {
      const userId = userIdByUsername(db, username);
      const customer = userId ? customerOf(db, accountId, userId) : null;
      if (!customer) throw new DeckhandError('not_found', `This desktop has never seen @${username}.`);
      return customer;
    },
  };
}

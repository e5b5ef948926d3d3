// Acting as a brand handle: the handle must be connected, its token comes from the token
// manager, and a token X refuses before its expiry (revoked elsewhere, clock skew) is refreshed
// once and the action retried, so the agent never sees a spurious "unauthorized".
import type { Account } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { TokenProvider } from '../columns/engine';
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { httpStatusOf, toDeckhandError } from '../x/errors';

export interface ActingDeps {
  db: Database;
  x: XClientFactory;
  tokens: TokenProvider;
  logger: Logger;
}

export function connectedAccount(db: Database, accountId: string): Account {
  const account = getAccount(db, accountId);
  if (!account) throw new DeckhandError('not_found', 'That account is not connected to this workspace');
  if (account.status !== 'connected') throw new DeckhandError('conflict', `@${account.username} needs to be reconnected first`);
  return account;
}

async function asHandle<T>(deps: ActingDeps, account: Account, what: string, act: (client: ReturnType<XClientFactory['withToken']>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const token = await deps.tokens.userToken(account.id);
    if (!token) throw new DeckhandError('conflict', `@${account.username} has no access token; reconnect it`);
    try {
      return await act(deps.x.withToken(token));
    } catch (error) {
      if (httpStatusOf(error) === 401 && attempt === 1 && deps.tokens.markRejected) {
        deps.tokens.markRejected(account.id, token);
        continue;
      }
      throw toDeckhandError(`X refused the ${what} from @${account.username}`, error);
    }
  }
}

export async function replyToPost(deps: ActingDeps, input: { accountId: string; inReplyToPostId: string; text: string }): Promise<{ id: string }> {
  const account = connectedAccount(deps.db, input.accountId);
  const result = await asHandle(deps, account, 'reply', (client) => client.v2.reply(input.text, input.inReplyToPostId));
  deps.logger.info('reply sent', { accountId: account.id, postId: result.data.id, inReplyToPostId: input.inReplyToPostId });
  return { id: result.data.id };
}

// Acting as a brand handle, the one way every X action and lookup does it: the handle must be
// connected, its token comes from the token manager, and a token X refuses before its expiry
// (revoked elsewhere, clock skew) is refreshed once and the call retried, so nobody sees a
// spurious "unauthorized". X's own errors reach the caller as they are (429s keep their reset).
import type { TwitterApiReadWrite } from 'twitter-api-v2';
import type { Account } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { XClientFactory } from './client';
import { httpStatusOf } from './errors';

export interface TokenProvider {
  appToken(): Promise<string | null>;
  userToken(accountId: string): Promise<string | null>;
  /** X refused this access token before its expiry: the next caller refreshes. */
  markRejected(accountId: string, accessToken: string): void;
}

export type ActingAs = <T>(accountId: string, act: (client: TwitterApiReadWrite, account: Account) => Promise<T>) => Promise<T>;

export function connectedAccount(db: Database, accountId: string): Account {
  const account = getAccount(db, accountId);
  if (!account) throw new DeckhandError('not_found', 'That account is not connected to this workspace');
  if (account.status !== 'connected') throw new DeckhandError('conflict', `@${account.username} needs to be reconnected first`);
  return account;
}

export function createActingAs(deps: { db: Database; x: XClientFactory; tokens: TokenProvider }): ActingAs {
  return async (accountId, act) => {
    const account = connectedAccount(deps.db, accountId);
    for (let attempt = 1; ; attempt++) {
      const token = await deps.tokens.userToken(account.id);
      if (!token) throw new DeckhandError('conflict', `@${account.username} has no access token; reconnect it in Accounts`);
      try {
        return await act(deps.x.withToken(token), account);
      } catch (error) {
        if (httpStatusOf(error) !== 401) throw error;
        deps.tokens.markRejected(account.id, token);
        if (attempt > 1) throw error;
      }
    }
  };
}

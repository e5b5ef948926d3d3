// The lifecycle of a brand handle in this workspace: connected from a fresh grant, marked
// "Reconnect needed" when X refuses to refresh it, removed (tokens revoked at X, keychain entry
// deleted, its columns and posts kept read-only or deleted).
import type { Account, AccountDataChoice } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../ports';
import { deleteAccountAndData, getAccount, setAccountStatus, upsertAccount } from '../store/accounts';
import { listColumns } from '../store/columns';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { USER_FIELDS } from '../x/client';
import { toDeckhandError } from '../x/errors';
import { normaliseAuthor } from '../x/normalize';
import { OAuthRefusal, type OAuthClient } from './oauth-client';
import type { TokenManager } from './token-manager';
import type { TokenSet } from './token-set';

export interface AccountServiceDeps {
  db: Database;
  domain: DomainEvents;
  x: XClientFactory;
  tokens: TokenManager;
  oauth(): OAuthClient | null;
  logger: Logger;
}

export const reconnectReason = (username: string) => `@${username} needs to be reconnected (Accounts → Reconnect); nothing is lost meanwhile.`;
export const removedReason = (username: string) => `@${username} was removed from Deckhand: this column is kept read-only.`;

/** Why a handle's columns wait, or null when it can act. */
export function pauseReason(account: Account): string | null {
  switch (account.status) {
    case 'connected':
      return null;
    case 'reconnect_needed':
      return reconnectReason(account.username);
    case 'removed':
      return removedReason(account.username);
  }
}

export class AccountService {
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: AccountServiceDeps) {
    this.unsubscribe = deps.domain.on('accountAccessRefused', ({ accountId }) => this.markReconnectNeeded(accountId));
  }

  close(): void {
    this.unsubscribe();
  }

  /** The account X says the fresh grant belongs to; refuses a handle that is already connected. */
  async completeConnect(set: TokenSet): Promise<Account> {
    let me;
    try {
      me = await this.deps.x.withToken(set.accessToken).v2.me({ 'user.fields': [...USER_FIELDS] });
    } catch (error) {
      await this.revokeQuietly(set);
      throw toDeckhandError('X did not say which account was authorized', error);
    }
    const author = normaliseAuthor(me.data);
    if (!author) {
      await this.revokeQuietly(set);
      throw new DeckhandError('upstream', 'X answered /2/users/me without a valid user.');
    }
    const existing = getAccount(this.deps.db, author.id);
    if (existing?.status === 'connected') {
      await this.revokeQuietly(set);
      throw new DeckhandError('conflict', `@${author.username} is already connected to this workspace; it was not added twice.`);
    }
    try {
      await this.deps.tokens.save(author.id, set);
    } catch (error) {
      await this.revokeQuietly(set);
      throw error;
    }
    const account: Account = { id: author.id, username: author.username, name: author.name, avatarUrl: author.avatarUrl, status: 'connected' };
    upsertAccount(this.deps.db, account);
    this.deps.logger.info('account connected', { accountId: account.id, username: account.username, reconnected: existing !== null });
    await this.deps.domain.publish({ type: 'accountConnected', account, reconnected: existing !== null });
    return account;
  }

  /** A handle the team's hub holds: kept here without tokens (the hub alone acts as it). */
  async adoptTeamHandle(handle: Pick<Account, 'id' | 'username' | 'name' | 'avatarUrl'>): Promise<Account> {
    const existing = getAccount(this.deps.db, handle.id);
    const account: Account = { ...handle, status: 'connected', fromTeam: true };
    if (existing && existing.fromTeam && existing.username === account.username && existing.name === account.name && existing.avatarUrl === account.avatarUrl) return existing;
    upsertAccount(this.deps.db, account);
    await this.deps.domain.publish({ type: 'accountConnected', account, reconnected: existing !== null });
    return account;
  }

  /** X refused to refresh the handle's access: pause its columns until it is reconnected. */
  async markReconnectNeeded(accountId: string): Promise<void> {
    const account = getAccount(this.deps.db, accountId);
    if (!account || account.status !== 'connected') return;
    setAccountStatus(this.deps.db, accountId, 'reconnect_needed');
    await this.deps.domain.publish({ type: 'accountStatusChanged', account: { ...account, status: 'reconnect_needed' } });
  }

  async remove(accountId: string, data: AccountDataChoice): Promise<void> {
    const account = getAccount(this.deps.db, accountId);
    if (!account) throw new DeckhandError('not_found', 'That account is not in this workspace.');
    if (account.status !== 'removed') {
      const set = await this.deps.tokens.peek(accountId);
      if (set) await this.revoke(account, set);
      await this.deps.tokens.forget(accountId);
      this.deps.logger.info('account tokens revoked and deleted', { accountId });
    }
    if (data === 'keep') {
      setAccountStatus(this.deps.db, accountId, 'removed');
      await this.deps.domain.publish({ type: 'accountStatusChanged', account: { ...account, status: 'removed' } });
      return;
    }
    const { db } = this.deps;
    const columns = db.transaction(() => {
      const owned = listColumns(db).filter((column) => column.accountId === accountId);
      deleteAccountAndData(db, accountId);
      return owned;
    })();
    await this.deps.domain.publish({ type: 'columnsRemoved', columns });
    await this.deps.domain.publish({ type: 'accountDeleted', account });
  }

  /** Both tokens, refresh token first (it could mint new access tokens). An already dead token is fine. */
  private async revoke(account: Account, set: TokenSet): Promise<void> {
    const oauth = this.deps.oauth();
    if (!oauth) throw new DeckhandError('conflict', `No X app is configured, so @${account.username}'s access cannot be revoked at X; nothing was removed.`);
    const tokens = [
      ...(set.refreshToken ? [{ token: set.refreshToken, kind: 'refresh_token' as const }] : []),
      { token: set.accessToken, kind: 'access_token' as const },
    ];
    for (const { token, kind } of tokens) {
      try {
        await oauth.revoke(token, kind);
      } catch (error) {
        if (error instanceof OAuthRefusal && error.permanent) continue;
        throw new DeckhandError('unavailable', `Could not revoke @${account.username}'s access at X, so nothing was removed; try again. (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }

  private async revokeQuietly(set: TokenSet): Promise<void> {
    const oauth = this.deps.oauth();
    if (!oauth) return;
    for (const [token, kind] of [[set.refreshToken, 'refresh_token'], [set.accessToken, 'access_token']] as const) {
      if (token) await oauth.revoke(token, kind).catch((error: unknown) => this.deps.logger.warn('could not revoke an unused grant', { kind, error: String(error) }));
    }
  }
}

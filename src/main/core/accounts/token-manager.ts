// Hands out valid user access tokens. Refreshes shortly before expiry, once per account however
// many callers ask at the same moment (single flight), and writes the rotated token set to the
// keychain before anyone uses it. A refresh X refuses marks the account "Reconnect needed".
import type { Clock } from '../../../shared/clock';
import { DeckhandError } from '../../../shared/errors';
import type { TokenProvider } from '../x/acting-as';
import type { Logger, SecretStore } from '../ports';
import { accountTokensKey, appTokenKey } from '../workspace/tokens';
import { OAuthRefusal, type OAuthClient } from './oauth-client';
import { parseTokenSet, serialiseTokenSet, type TokenSet } from './token-set';

/** Refresh this long before X would refuse the access token (X's tokens live 2 h). */
export const REFRESH_MARGIN_MS = 2 * 60_000;

export interface TokenManagerDeps {
  secrets: SecretStore;
  /** Where the app Bearer token lives (the demo workspace: its sandbox's, in memory). */
  appSecrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** The OAuth client of the configured X app, or null when none is configured. */
  oauth(): OAuthClient | null;
  /** X refused the refresh (revoked, invalid_grant) or there is nothing to refresh with. */
  onRejected(accountId: string, reason: string): void;
  /** An account's access token was refreshed (the team hub logs it as a use of the brand's tokens). */
  onRefreshed?(accountId: string, expiresAt: number): void;
}

export class TokenManager implements TokenProvider {
  /** The last set read from or written to the keychain, per account: never newer than the keychain. */
  private readonly cache = new Map<string, TokenSet>();
  /** The last operation queued per account (loads, refreshes, writes run one at a time, in order). */
  private readonly inFlight = new Map<string, Promise<TokenSet | null>>();
  /** The load or refresh running per account, which concurrent readers join. */
  private readonly loads = new Map<string, Promise<TokenSet | null>>();
  /** Accounts whose grant X refused: no more refresh attempts until they are reconnected. */
  private readonly rejected = new Set<string>();

  constructor(private readonly deps: TokenManagerDeps) {}

  /** Without a keychain there is no app token: the engine polls with user tokens instead. */
  async appToken(): Promise<string | null> {
    try {
      return await this.deps.appSecrets.get(appTokenKey());
    } catch (error) {
      this.deps.logger.warn('app Bearer token unavailable', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  async userToken(accountId: string): Promise<string | null> {
    const cached = this.cache.get(accountId);
    if (cached && this.isFresh(cached)) return cached.accessToken;
    return (await this.validSet(accountId))?.accessToken ?? null;
  }

  /** Stores a new grant (connect or reconnect); the account is usable again. */
  async save(accountId: string, set: TokenSet): Promise<void> {
    await this.exclusive(accountId, async () => {
      await this.deps.secrets.set(accountTokensKey(accountId), serialiseTokenSet(set));
      this.cache.set(accountId, set);
      this.rejected.delete(accountId);
      return set;
    });
  }

  /** The stored set, without refreshing (for revocation). */
  peek(accountId: string): Promise<TokenSet | null> {
    return this.exclusive(accountId, async () => this.cache.get(accountId) ?? parseTokenSet(await this.deps.secrets.get(accountTokensKey(accountId))));
  }

  /** Deletes the account's keychain entry and forgets its tokens. */
  async forget(accountId: string): Promise<void> {
    await this.exclusive(accountId, async () => {
      this.cache.delete(accountId);
      this.rejected.delete(accountId);
      await this.deps.secrets.delete(accountTokensKey(accountId));
      return null;
    });
  }

  /** X refused this access token before its expiry: the next caller refreshes. */
  markRejected(accountId: string, accessToken: string): void {
    const cached = this.cache.get(accountId);
    if (cached?.accessToken === accessToken) this.cache.set(accountId, { ...cached, expiresAt: 0 });
  }

  private isFresh(set: TokenSet): boolean {
    return set.expiresAt - REFRESH_MARGIN_MS > this.deps.clock.now();
  }

  /** Single flight: callers arriving while a load or refresh runs share its result. */
  private validSet(accountId: string): Promise<TokenSet | null> {
    const running = this.loads.get(accountId);
    if (running) return running;
    const load: Promise<TokenSet | null> = this.exclusive(accountId, () => this.loadOrRefresh(accountId)).finally(() => {
      if (this.loads.get(accountId) === load) this.loads.delete(accountId);
    });
    this.loads.set(accountId, load);
    return load;
  }

  /** One operation per account at a time, in call order; the newest is what readers join. */
  private exclusive(accountId: string, task: () => Promise<TokenSet | null>): Promise<TokenSet | null> {
    const before = this.inFlight.get(accountId)?.catch(() => null) ?? Promise.resolve(null);
    const next: Promise<TokenSet | null> = before.then(task).finally(() => {
      if (this.inFlight.get(accountId) === next) this.inFlight.delete(accountId);
    });
    this.inFlight.set(accountId, next);
    return next;
  }

  private async loadOrRefresh(accountId: string): Promise<TokenSet | null> {
    if (this.rejected.has(accountId)) return null;
    const set = this.cache.get(accountId) ?? parseTokenSet(await this.deps.secrets.get(accountTokensKey(accountId)));
    // Deleted from the keychain behind Deckhand's back (or unreadable): only a new sign-in helps.
    if (!set) return this.reject(accountId, 'its tokens are missing from the keychain');
    this.cache.set(accountId, set);
    if (this.isFresh(set)) return set;
    return this.refresh(accountId, set);
  }

  private async refresh(accountId: string, current: TokenSet): Promise<TokenSet | null> {
    const oauth = this.deps.oauth();
    if (!current.refreshToken || !oauth) {
      if (current.expiresAt > this.deps.clock.now()) return current; // still valid, just not refreshable
      return this.reject(accountId, current.refreshToken ? 'no X app is configured to refresh its token' : 'its access expired and X gave no refresh token');
    }
    let next: TokenSet;
    try {
      next = await oauth.refresh(current.refreshToken);
    } catch (error) {
      if (error instanceof OAuthRefusal && error.permanent) return this.reject(accountId, `X refused to refresh its access: ${error.message}`);
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn('token refresh failed; will retry', { accountId, error: message });
      throw new DeckhandError('unavailable', `Could not refresh an account's access to X: ${message}`);
    }
    // X rotated the refresh token: the old one is dead. Keep the new set before anyone uses it.
    try {
      await this.deps.secrets.set(accountTokensKey(accountId), serialiseTokenSet(next));
    } catch (error) {
      this.deps.logger.error('could not store a refreshed token set; it lives in memory until restart', {
        accountId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    this.cache.set(accountId, next);
    this.deps.logger.info('access token refreshed', { accountId, expiresAt: new Date(next.expiresAt).toISOString() });
    this.deps.onRefreshed?.(accountId, next.expiresAt);
    return next;
  }

  private reject(accountId: string, reason: string): null {
    this.rejected.add(accountId);
    this.cache.delete(accountId);
    this.deps.logger.warn('account needs to be reconnected', { accountId, reason });
    this.deps.onRejected(accountId, reason);
    return null;
  }
}

// The token manager's rules, with simulated time and a stand-in for X's token endpoint (the real
// endpoint is exercised in tests/integration/accounts-*.test.ts against the sandbox).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { DeckhandError } from '../../src/shared/errors';
import { OAuthRefusal, type OAuthClient } from '../../src/main/core/accounts/oauth-client';
import { REFRESH_MARGIN_MS, TokenManager } from '../../src/main/core/accounts/token-manager';
import { parseTokenSet, type TokenSet } from '../../src/main/core/accounts/token-set';
import { MemorySecretStore } from '../../src/main/core/ports';
import { accountTokensKey } from '../../src/main/core/workspace/tokens';
import { silentLogger } from '../helpers/temp';

const HOUR = 3_600_000;

/** X's token endpoint, as far as refresh goes: rotates on each use, refuses a reused token. */
class TokenEndpoint {
  refreshCalls = 0;
  generation = 0;
  outcome: 'ok' | 'refused' | 'unreachable' = 'ok';
  private live = new Set<string>(['refresh-0']);
  constructor(private readonly clock: ManualClock) {}

  client(): OAuthClient {
    return {
      authorizationRequest: () => ({ url: 'https://x.com/i/oauth2/authorize', state: 's', codeVerifier: 'v' }),
      exchangeCode: async () => this.issue(),
      revoke: async () => {},
      refresh: async (refreshToken) => {
        this.refreshCalls++;
        await new Promise((resolve) => setTimeout(resolve, 5)); // a network round trip
        if (this.outcome === 'unreachable') throw new OAuthRefusal('X could not be reached (ECONNRESET)', false);
        if (this.outcome === 'refused' || !this.live.delete(refreshToken)) throw new OAuthRefusal('X answered 400: invalid_grant', true);
        return this.issue();
      },
    };
  }

  issue(): TokenSet {
    this.generation++;
    const refreshToken = `refresh-${this.generation}`;
    this.live.add(refreshToken);
    return { accessToken: `access-${this.generation}`, refreshToken, expiresAt: this.clock.now() + 2 * HOUR, scopes: ['tweet.read', 'offline.access'] };
  }
}

function setup() {
  const clock = new ManualClock();
  const secrets = new MemorySecretStore();
  const x = new TokenEndpoint(clock);
  const rejected: string[] = [];
  const manager = new TokenManager({
    secrets,
    appSecrets: secrets,
    clock,
    logger: silentLogger,
    oauth: () => x.client(),
    onRejected: (accountId) => rejected.push(accountId),
  });
  const first: TokenSet = { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: clock.now() + 2 * HOUR, scopes: [] };
  return { clock, secrets, x, rejected, manager, first };
}

describe('the token manager', () => {
  it('hands out the stored access token while it is fresh, without asking X', async () => {
    const { manager, x, first } = setup();
    await manager.save('1', first);
    expect(await manager.userToken('1')).toBe('access-0');
    expect(x.refreshCalls).toBe(0);
  });

  it('refreshes before expiry, not after it', async () => {
    const { manager, x, clock, first } = setup();
    await manager.save('1', first);
    clock.advance(2 * HOUR - REFRESH_MARGIN_MS - 1);
    expect(await manager.userToken('1')).toBe('access-0');
    clock.advance(2);
    expect(await manager.userToken('1')).toBe('access-1');
    expect(x.refreshCalls).toBe(1);
  });

  it('makes exactly one refresh for ten concurrent requests at expiry', async () => {
    const { manager, x, clock, first } = setup();
    await manager.save('1', first);
    clock.advance(2 * HOUR);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => manager.userToken('1')));
    expect(tokens).toEqual(Array(10).fill('access-1'));
    expect(x.refreshCalls).toBe(1);
  });

  it('stores the rotated refresh token in the keychain before anyone gets the new access token', async () => {
    const { manager, secrets, clock, first } = setup();
    await manager.save('1', first);
    clock.advance(2 * HOUR);
    const token = await manager.userToken('1');
    const stored = parseTokenSet(await secrets.get(accountTokensKey('1')));
    expect(token).toBe('access-1');
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('reads the keychain once, then survives a restart with what it stored', async () => {
    const { manager, secrets, clock, first, x } = setup();
    await manager.save('1', first);
    clock.advance(2 * HOUR);
    await manager.userToken('1');
    const restarted = new TokenManager({ secrets, appSecrets: secrets, clock, logger: silentLogger, oauth: () => x.client(), onRejected: () => {} });
    expect(await restarted.userToken('1')).toBe('access-1');
    clock.advance(2 * HOUR);
    expect(await restarted.userToken('1')).toBe('access-2'); // refresh-1 was the live one
  });

  it('marks the account once when X refuses the refresh, and stops asking', async () => {
    const { manager, x, clock, first, rejected } = setup();
    await manager.save('1', first);
    x.outcome = 'refused';
    clock.advance(2 * HOUR);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.userToken('1')));
    expect(tokens).toEqual(Array(5).fill(null));
    expect(await manager.userToken('1')).toBeNull();
    expect(rejected).toEqual(['1']);
    expect(x.refreshCalls).toBe(1);
  });

  it('a reconnect (new grant) makes the account usable again', async () => {
    const { manager, x, clock, first, rejected } = setup();
    await manager.save('1', first);
    x.outcome = 'refused';
    clock.advance(2 * HOUR);
    expect(await manager.userToken('1')).toBeNull();
    x.outcome = 'ok';
    await manager.save('1', x.issue());
    expect(await manager.userToken('1')).toBe('access-1');
    expect(rejected).toEqual(['1']);
  });

  it('an unreachable X is not a refusal: a clear error now, a retry next time', async () => {
    const { manager, x, clock, first, rejected } = setup();
    await manager.save('1', first);
    x.outcome = 'unreachable';
    clock.advance(2 * HOUR);
    const failure = await manager.userToken('1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeckhandError);
    expect((failure as DeckhandError).message).toContain('could not be reached');
    expect(rejected).toEqual([]);
    x.outcome = 'ok';
    expect(await manager.userToken('1')).toBe('access-1');
  });

  it('an account without a refresh token needs reconnecting once its access expires', async () => {
    const { manager, clock, rejected } = setup();
    await manager.save('1', { accessToken: 'short', refreshToken: null, expiresAt: clock.now() + HOUR, scopes: [] });
    expect(await manager.userToken('1')).toBe('short');
    clock.advance(HOUR);
    expect(await manager.userToken('1')).toBeNull();
    expect(rejected).toEqual(['1']);
  });

  it('forget deletes the keychain entry', async () => {
    const { manager, secrets, first } = setup();
    await manager.save('1', first);
    await manager.forget('1');
    expect(await secrets.get(accountTokensKey('1'))).toBeNull();
    expect(await manager.userToken('1')).toBeNull();
  });

  it('an access token X refused early is refreshed on next use', async () => {
    const { manager, x, first } = setup();
    await manager.save('1', first);
    manager.markRejected('1', 'access-0');
    expect(await manager.userToken('1')).toBe('access-1');
    expect(x.refreshCalls).toBe(1);
  });
});

describe('an account whose keychain entry is gone', () => {
  it('needs reconnecting, once', async () => {
    const { manager, secrets, first, rejected } = setup();
    await manager.save('1', first);
    const restarted = new TokenManager({ secrets, appSecrets: secrets, clock: new ManualClock(), logger: silentLogger, oauth: () => null, onRejected: (id) => rejected.push(id) });
    await secrets.delete(accountTokensKey('1'));
    expect(await restarted.userToken('1')).toBeNull();
    expect(await restarted.userToken('1')).toBeNull();
    expect(rejected).toEqual(['1']);
  });
});

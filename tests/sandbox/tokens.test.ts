// The token store the admin API and the OAuth endpoints share: expiry, rotation, revocation.
import { describe, expect, it } from 'vitest';
import { TokenStore } from '../../src/sandbox/state/tokens';
import { ManualClock } from '../../src/shared/clock';

describe('the token store', () => {
  it('expires access tokens after two hours of the clock', () => {
    const clock = new ManualClock();
    const tokens = new TokenStore(clock);
    const pair = tokens.issueUser('42', ['tweet.read', 'users.read', 'offline.access']);
    expect(tokens.check(pair.access_token)).toMatchObject({ ok: true, token: { kind: 'user', userId: '42' } });
    clock.advance(7_199_999);
    expect(tokens.check(pair.access_token).ok).toBe(true);
    clock.advance(1);
    expect(tokens.check(pair.access_token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rotates refresh tokens: each works once, and a reused one fails', () => {
    const tokens = new TokenStore(new ManualClock());
    const first = tokens.issueUser('42', ['tweet.read', 'offline.access']);
    const second = tokens.refresh(first.refresh_token!);
    expect(second).toMatchObject({ ok: true, pair: { token_type: 'bearer', expires_in: 7200, scope: 'tweet.read offline.access' } });
    if (!second.ok) throw new Error('refresh failed');
    expect(second.pair.refresh_token).not.toBe(first.refresh_token);
    expect(tokens.refresh(first.refresh_token!)).toEqual({ ok: false, reason: 'used' });
    expect(tokens.check(second.pair.access_token).ok).toBe(true);
    // A refresh token is not an access token, nor the other way round.
    expect(tokens.check(second.pair.refresh_token!)).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.refresh(second.pair.access_token)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('revokes, and refuses another client\'s refresh token', () => {
    const tokens = new TokenStore(new ManualClock());
    const pair = tokens.issueUser('42', ['tweet.read', 'offline.access'], 'client-a');
    expect(tokens.refresh(pair.refresh_token!, 'client-b')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.revoke(pair.access_token)).toBe(true);
    expect(tokens.check(pair.access_token)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.revoke('never-issued')).toBe(false);
    expect(tokens.list().map((t) => [t.kind, t.revokedAt !== null])).toEqual([['user', true], ['refresh', false]]);
  });
});

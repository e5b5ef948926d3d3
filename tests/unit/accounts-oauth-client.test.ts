import { createHash } from 'node:crypto';
import { ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { authorizeUrlFor, createOAuthClient, describeOAuthError, OAUTH_SCOPES } from '../../src/main/core/accounts/oauth-client';
import { createXClientFactory } from '../../src/main/core/x/client';

const REDIRECT = 'http://127.0.0.1:47823/callback';

describe('the OAuth 2.0 authorization request', () => {
  const sandbox = createOAuthClient(createXClientFactory('http://127.0.0.1:9999'), 'client-123', new ManualClock());

  it('asks for exactly the scopes Deckhand uses, with PKCE S256 and the exact loopback redirect', () => {
    const request = sandbox.authorizationRequest(REDIRECT);
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9999/i/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('client-123');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read dm.read dm.write like.write offline.access');
    expect(url.searchParams.get('scope')!.split(' ')).toEqual([...OAUTH_SCOPES]);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const challenge = createHash('sha256').update(request.codeVerifier).digest('base64url');
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
    expect(url.searchParams.get('state')).toBe(request.state);
  });

  it('uses a fresh random state and verifier for every sign-in', () => {
    const a = sandbox.authorizationRequest(REDIRECT);
    const b = sandbox.authorizationRequest(REDIRECT);
    expect(a.state).not.toBe(b.state);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    expect(a.state.length).toBeGreaterThanOrEqual(32);
    expect(a.codeVerifier.length).toBeGreaterThanOrEqual(43);
  });

  it("sends people to X's own authorize page when talking to X", () => {
    const x = createOAuthClient(createXClientFactory(), 'client-123', new ManualClock());
    expect(new URL(x.authorizationRequest(REDIRECT).url).origin + new URL(x.authorizationRequest(REDIRECT).url).pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(authorizeUrlFor('https://api.x.com', 'https://x.com/i/oauth2/authorize?a=1')).toBe('https://x.com/i/oauth2/authorize?a=1&code_challenge_method=S256');
  });
});

describe('token request failures', () => {
  const refusal = (status: number, data: object) =>
    new ApiResponseError('Request failed', { code: status, data, headers: {}, request: undefined as never, response: undefined as never, rateLimit: undefined });

  it('a refused grant is permanent and its message names no token', () => {
    const error = describeOAuthError(refusal(400, { error: 'invalid_grant', error_description: 'Value passed for the token secret-refresh was invalid.' }), ['secret-refresh']);
    expect(error.permanent).toBe(true);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain('secret-refresh');
  });

  it('a server error is worth retrying', () => {
    expect(describeOAuthError(refusal(503, { title: 'Service Unavailable' })).permanent).toBe(false);
  });
});

// OAuth 2.0 Authorization Code with PKCE against the sandbox: the consent page, the token and
// revoke endpoints, through twitter-api-v2 (base URL rewritten as the core does) and raw HTTP.
import { readFileSync } from 'node:fs';
import { ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createOAuthClient, OAUTH_SCOPES } from '../../src/main/core/accounts/oauth-client';
import { createXClientFactory } from '../../src/main/core/x/client';
import { ManualClock } from '../../src/shared/clock';
import { DEMO_CLIENT_ID } from '../../src/sandbox/oauth/apps';
import { s256 } from '../../src/sandbox/oauth/codes';
import { SCOPE_DESCRIPTIONS } from '../../src/sandbox/oauth/scopes';
import { SPEC_PATH } from '../helpers/spec-validator';
import { submitConsent as consent } from './consent-form';
import { rig, type Rig } from './support';

const CALLBACK = 'http://127.0.0.1:47823/callback';
const VERIFIER = 'v'.repeat(20) + '-._~0123456789abcdefghijklmnop';
const SCOPES = 'tweet.read users.read dm.read offline.access';

function authorizeUrl(base: string, overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: DEMO_CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: SCOPES,
    state: 'state-123/+=',
    code_challenge: s256(VERIFIER),
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL('/i/oauth2/authorize', base);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

async function tokenRequest(made: Rig, form: Record<string, string>, basicClientId?: string) {
  const response = await fetch(`${made.sandbox.url}/2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(basicClientId ? { authorization: `Basic ${Buffer.from(`${basicClientId}:`).toString('base64')}` } : {}) },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function codeFor(made: Rig, username = 'AcmeAir', overrides: Record<string, string | null> = {}): Promise<string> {
  const answer = await consent(authorizeUrl(made.sandbox.url, overrides), { username });
  expect(answer.status, answer.html).toBe(302);
  return answer.location!.searchParams.get('code')!;
}

describe('the consent page', () => {
  it('names the app and each scope, asks for a Username, and sends a strict CSP without any script', async () => {
    const made = await rig();
    const page = await fetch(authorizeUrl(made.sandbox.url));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:47823");
    expect(csp).not.toMatch(/script-src|unsafe/);
    expect(html).not.toMatch(/<script|<style|style="|onclick/i);
    expect(html).toContain('Deckhand (sandbox demo) wants to access your X account');
    for (const scope of SCOPES.split(' ')) expect(html).toContain(`<strong>${scope}</strong>: ${SCOPE_DESCRIPTIONS[scope]}`);
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username"/);
    expect(html).toContain('<button type="submit" name="decision" value="authorize">Authorize app</button>');
    expect(html).toContain('>Cancel</button>');
    const css = await fetch(`${made.sandbox.url}/i/oauth2/consent.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${made.sandbox.url}/favicon.ico`)).status).toBe(204);
    // The page's assets are not X API calls: only the authorize request is in the log.
    expect((await made.admin.requests()).map((logged) => logged.path)).toEqual(['/i/oauth2/authorize']);
  });

  it.each([
    ['an unknown client_id', { client_id: 'nobody' }, 'No X app has the client_id "nobody"'],
    ['a redirect_uri the app did not register', { redirect_uri: 'http://127.0.0.1:47823/callback/' }, 'is not registered for'],
    ['a redirect_uri on another host', { redirect_uri: 'http://localhost:47823/callback' }, 'is not registered for'],
    ['no PKCE challenge', { code_challenge: null }, 'X requires PKCE'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'must be S256, not "plain"'],
    ['no state', { state: null }, 'has no state'],
    ['an unknown scope', { scope: 'tweet.read tweet.everything' }, 'no scope named "tweet.everything"'],
    ['another response_type', { response_type: 'token' }, 'response_type must be "code"'],
  ])('refuses %s with a clear page and no redirect', async (_what, overrides, message) => {
    const made = await rig();
    const page = await fetch(authorizeUrl(made.sandbox.url, overrides), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    const html = await page.text();
    expect(html).toContain('This authorization request cannot be completed');
    expect(html.replace(/&quot;/g, '"')).toContain(message);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'none'");
  });

  it('redirects with the code and the state unchanged; Cancel answers access_denied', async () => {
    const made = await rig();
    const granted = await consent(authorizeUrl(made.sandbox.url), { username: '@AcmeAir' });
    expect(granted.status).toBe(302);
    expect(granted.location!.origin + granted.location!.pathname).toBe(CALLBACK);
    expect(granted.location!.searchParams.get('state')).toBe('state-123/+=');
    expect(granted.location!.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const denied = await consent(authorizeUrl(made.sandbox.url), { decision: 'deny' });
    expect(denied.status).toBe(302);
    expect(Object.fromEntries(denied.location!.searchParams)).toEqual({ error: 'access_denied', state: 'state-123/+=' });
  });

  it('creates an unknown username, and refuses one X would not allow without redirecting', async () => {
    const made = await rig();
    const code = await codeFor(made, 'fresh_handle');
    const pair = await tokenRequest(made, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: VERIFIER, client_id: DEMO_CLIENT_ID });
    const me = await made.get<{ data: { username: string } }>('/2/users/me', pair.body.access_token as string);
    expect(me.body.data.username).toBe('fresh_handle');
    const refused = await consent(authorizeUrl(made.sandbox.url), { username: 'not a handle!' });
    expect(refused.status).toBe(400);
    expect(refused.location).toBeNull();
    expect(refused.html).toContain('is not a valid X username');
  });

  it('lists exactly the scopes of the spec, worded as the spec words them', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { securitySchemes: { OAuth2UserToken: { flows: { authorizationCode: { scopes: Record<string, string> } } } } } };
    expect(SCOPE_DESCRIPTIONS).toEqual(spec.components.securitySchemes.OAuth2UserToken.flows.authorizationCode.scopes);
  });
});

describe('the token endpoint', () => {
  it('works with twitter-api-v2: authorize link, login, refresh with rotation, revoke', async () => {
    const made = await rig();
    const app = createXClientFactory(made.sandbox.url).withClientId(DEMO_CLIENT_ID);
    const link = app.generateOAuth2AuthLink(CALLBACK, { scope: ['tweet.read', 'users.read', 'like.write', 'offline.access'] });
    const libraryUrl = new URL(link.url);
    const answer = await consent(`${made.sandbox.url}/i/oauth2/authorize${libraryUrl.search}`, { username: 'NimbusMobile' });
    expect(answer.location!.searchParams.get('state')).toBe(link.state);
    const login = await app.loginWithOAuth2({ code: answer.location!.searchParams.get('code')!, codeVerifier: link.codeVerifier, redirectUri: CALLBACK });
    expect(login).toMatchObject({ expiresIn: 7_200, scope: ['tweet.read', 'users.read', 'like.write', 'offline.access'], refreshToken: expect.any(String) });
    expect((await login.client.v2.me()).data.username).toBe('NimbusMobile');

    const refreshed = await app.refreshOAuth2Token(login.refreshToken!);
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect((await refreshed.client.v2.me()).data.username).toBe('NimbusMobile');
    const reused = await app.refreshOAuth2Token(login.refreshToken!).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(ApiResponseError);
    expect((reused as ApiResponseError).code).toBe(400);
    expect((reused as ApiResponseError).data).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('refresh tokens work once') });

    await app.revokeOAuth2Token(refreshed.accessToken, 'access_token');
    const after = await refreshed.client.v2.me().catch((error: unknown) => error);
    expect((after as ApiResponseError).code).toBe(401);
    await app.revokeOAuth2Token(refreshed.refreshToken!, 'refresh_token');
    expect(((await app.refreshOAuth2Token(refreshed.refreshToken!).catch((error: unknown) => error)) as ApiResponseError).code).toBe(400);

    const listed = (await made.admin.tokens()).filter((token) => token.username === 'NimbusMobile');
    expect(listed.map((token) => [token.kind, token.revoked, token.used])).toEqual([
      ['user', false, false],
      ['refresh', false, true],
      ['user', true, false],
      ['refresh', true, false],
    ]);
  });

  it("serves Deckhand's own OAuth client (form-encoded bodies, S256 as RFC 7636 spells it)", async () => {
    const made = await rig();
    const client = createOAuthClient(createXClientFactory(made.sandbox.url), DEMO_CLIENT_ID, new ManualClock());
    const request = client.authorizationRequest(CALLBACK);
    expect(new URL(request.url).searchParams.get('code_challenge_method')).toBe('S256');
    const answer = await consent(request.url, { username: 'AcmeAir' });
    expect(answer.location!.searchParams.get('state')).toBe(request.state);
    const set = await client.exchangeCode({ code: answer.location!.searchParams.get('code')!, codeVerifier: request.codeVerifier, redirectUri: CALLBACK });
    expect(set.scopes).toEqual([...OAUTH_SCOPES]);
    const rotated = await client.refresh(set.refreshToken!);
    await expect(client.refresh(set.refreshToken!)).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('invalid_grant') });
    await client.revoke(rotated.accessToken, 'access_token');
    await client.revoke(rotated.refreshToken!, 'refresh_token');
    const requests = (await made.admin.requests()).filter((logged) => logged.path.startsWith('/2/oauth2/')).map((logged) => `${logged.path} ${logged.status}`);
    expect(requests).toEqual(['/2/oauth2/token 200', '/2/oauth2/token 200', '/2/oauth2/token 400', '/2/oauth2/revoke 200', '/2/oauth2/revoke 200']);
    expect((await made.admin.tokens()).filter((token) => token.username === 'AcmeAir' && token.revoked).length).toBe(2);
  });

  it('issues the same pair as the admin API, and a refresh token only with offline.access', async () => {
    const made = await rig();
    const viaOAuth = await tokenRequest(made, { grant_type: 'authorization_code', code: await codeFor(made), redirect_uri: CALLBACK, code_verifier: VERIFIER }, DEMO_CLIENT_ID);
    const viaAdmin = await made.admin.userToken('AcmeAir', SCOPES.split(' '));
    expect(viaOAuth.status).toBe(200);
    expect(Object.keys(viaOAuth.body).sort()).toEqual(Object.keys(viaAdmin).sort());
    expect(viaOAuth.body).toMatchObject({ token_type: 'bearer', expires_in: 7_200, scope: SCOPES });
    expect((viaOAuth.body.access_token as string).length).toBe(viaAdmin.access_token.length);
    const offline = await codeFor(made, 'AcmeAir', { scope: 'tweet.read users.read' });
    const noRefresh = await tokenRequest(made, { grant_type: 'authorization_code', code: offline, redirect_uri: CALLBACK, code_verifier: VERIFIER, client_id: DEMO_CLIENT_ID });
    expect(noRefresh.body).not.toHaveProperty('refresh_token');
  });

  it('uses a code once, only within 30 seconds, only with its verifier, redirect_uri and client', async () => {
    const clock = new ManualClock(Date.now());
    const made = await rig({ clock });
    await fetch(`${made.sandbox.url}/_sandbox/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'other-app', name: 'Other', redirect_uris: [CALLBACK] }) });
    const exchange = (code: string, changes: Record<string, string> = {}) =>
      tokenRequest(made, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: VERIFIER, client_id: DEMO_CLIENT_ID, ...changes });
    const invalid = (description: string) => ({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringContaining(description) } });

    const code = await codeFor(made);
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toEqual(invalid('already used'));
    expect(await exchange(await codeFor(made), { code_verifier: 'w'.repeat(43) })).toEqual(invalid('does not match the code_challenge'));
    expect(await exchange(await codeFor(made), { redirect_uri: 'http://127.0.0.1:9/callback' })).toEqual(invalid('redirect_uri does not match'));
    expect(await exchange(await codeFor(made), { client_id: 'other-app' })).toEqual(invalid('issued to another client'));
    const late = await codeFor(made);
    clock.advance(30_000);
    expect(await exchange(late)).toEqual(invalid('expired'));
    expect(await exchange('made-up')).toEqual(invalid('authorization code was invalid'));
  });

  it('answers X-style OAuth errors for bad requests', async () => {
    const made = await rig();
    expect(await tokenRequest(made, { grant_type: 'authorization_code', code: 'x', redirect_uri: CALLBACK, code_verifier: VERIFIER })).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Missing valid authorization header or client_id.' },
    });
    expect(await tokenRequest(made, { grant_type: 'password', client_id: DEMO_CLIENT_ID })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await tokenRequest(made, { grant_type: 'authorization_code', client_id: DEMO_CLIENT_ID })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameters: code, redirect_uri, code_verifier.' },
    });
    expect(await tokenRequest(made, { grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'unknown' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('expires access tokens on the injected clock (ttl option); the refresh token still works', async () => {
    const clock = new ManualClock(Date.now());
    const made = await rig({ clock, accessTokenTtlS: 60 });
    const pair = await tokenRequest(made, { grant_type: 'authorization_code', code: await codeFor(made), redirect_uri: CALLBACK, code_verifier: VERIFIER, client_id: DEMO_CLIENT_ID });
    expect(pair.body.expires_in).toBe(60);
    expect((await made.get('/2/users/me', pair.body.access_token as string)).status).toBe(200);
    clock.advance(60_000);
    const expired = await made.get('/2/users/me', pair.body.access_token as string);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    const renewed = await tokenRequest(made, { grant_type: 'refresh_token', refresh_token: pair.body.refresh_token as string, client_id: DEMO_CLIENT_ID });
    expect((await made.get('/2/users/me', renewed.body.access_token as string)).status).toBe(200);
  });

  it("revokes only the calling app's tokens and answers the same either way", async () => {
    const made = await rig();
    const revoke = (token: string, clientId: string) =>
      fetch(`${made.sandbox.url}/2/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, token_type_hint: 'access_token', client_id: clientId }) });
    await fetch(`${made.sandbox.url}/_sandbox/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'other-app', name: 'Other', redirect_uris: [CALLBACK] }) });
    const other = await revoke(made.acme, 'other-app');
    expect([other.status, await other.json()]).toEqual([200, { revoked: true }]);
    expect((await made.get('/2/users/me', made.acme)).status).toBe(200);
    await revoke(made.acme, DEMO_CLIENT_ID);
    expect((await made.get('/2/users/me', made.acme)).status).toBe(401);
    expect(await (await revoke('never-issued', DEMO_CLIENT_ID)).json()).toEqual({ revoked: true });
  });
});

describe('the app registry (admin API)', () => {
  it('registers apps with exact callback URLs and refuses bad ones clearly', async () => {
    const made = await rig();
    const register = (body: unknown) => fetch(`${made.sandbox.url}/_sandbox/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await register({ client_id: 'support-desk', name: 'Support desk', redirect_uris: ['http://127.0.0.1:5000/cb'] });
    expect(created.status).toBe(201);
    expect((await register({ client_id: 'x', name: 'X', redirect_uris: ['not a url'] })).status).toBe(400);
    expect(await (await register({ client_id: 'x', name: 'X' })).json()).toEqual({ error: 'redirect_uris must list at least one URL' });
    const apps = (await (await fetch(`${made.sandbox.url}/_sandbox/apps`)).json()) as { apps: { client_id: string; any_loopback_port: boolean }[] };
    expect(apps.apps).toEqual([
      expect.objectContaining({ client_id: DEMO_CLIENT_ID, any_loopback_port: true }),
      { client_id: 'support-desk', name: 'Support desk', redirect_uris: ['http://127.0.0.1:5000/cb'], any_loopback_port: false },
    ]);
    const exact = { client_id: 'support-desk', redirect_uri: 'http://127.0.0.1:5000/cb' };
    expect((await fetch(authorizeUrl(made.sandbox.url, exact))).status).toBe(200);
    expect((await fetch(authorizeUrl(made.sandbox.url, { ...exact, redirect_uri: 'http://127.0.0.1:5001/cb' }))).status).toBe(400);
  });
});

// Sign-in flows against the real loopback callback server; X's token endpoint is stood in for here
// (the sandbox's is used by tests/integration/accounts-oauth.test.ts).
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import type { Account, AccountConnectResult } from '../../src/shared/domain';
import { DeckhandError } from '../../src/shared/errors';
import { ConnectFlows } from '../../src/main/core/accounts/connect-flows';
import type { OAuthClient } from '../../src/main/core/accounts/oauth-client';
import type { TokenSet } from '../../src/main/core/accounts/token-set';
import { freePort } from '../helpers/free-port';
import { rawRequest } from '../helpers/raw-http';
import { silentLogger } from '../helpers/temp';

const account: Account = { id: '42', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null, status: 'connected' };

async function setup(options: { complete?: (set: TokenSet) => Promise<Account> } = {}) {
  const clock = new ManualClock();
  const port = await freePort();
  const results: AccountConnectResult[] = [];
  const exchanged: { code: string; codeVerifier: string; redirectUri: string }[] = [];
  let issued = 0;
  const oauth: OAuthClient = {
    authorizationRequest: (redirectUri) => {
      const state = `state-${++issued}`;
      const url = new URL('http://127.0.0.1:1/i/oauth2/authorize');
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('state', state);
      return { url: url.toString(), state, codeVerifier: 'verifier' };
    },
    exchangeCode: async (input) => {
      exchanged.push(input);
      return { accessToken: 'a', refreshToken: 'r', expiresAt: clock.now() + 7_200_000, scopes: [] };
    },
    refresh: async () => {
      throw new Error('not used');
    },
    revoke: async () => {},
  };
  const flows = new ConnectFlows({
    clock,
    logger: silentLogger,
    oauth: () => oauth,
    callbackPort: () => port,
    complete: options.complete ?? (async () => account),
    finished: (result) => results.push(result),
  });
  const callback = async (query: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/callback?${query}`);
    return { status: response.status, text: await response.text(), csp: response.headers.get('content-security-policy') };
  };
  const param = (url: string, name: string) => new URL(url).searchParams.get(name)!;
  return { clock, port, results, exchanged, flows, callback, param };
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('connecting a handle through the loopback callback', () => {
  it('exchanges the code with the verifier and exact redirect, says so in the browser and the app, then stops listening', async () => {
    const t = await setup();
    cleanup = () => t.flows.close();
    const started = await t.flows.start();
    expect(t.param(started.authorizeUrl, 'redirect_uri')).toBe(`http://127.0.0.1:${t.port}/callback`);
    const state = t.param(started.authorizeUrl, 'state');
    const page = await t.callback(`state=${state}&code=the-code`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('@AcmeAir is connected');
    expect(page.csp).toContain("default-src 'none'");
    expect(t.exchanged).toEqual([{ code: 'the-code', codeVerifier: 'verifier', redirectUri: `http://127.0.0.1:${t.port}/callback` }]);
    expect(t.results).toEqual([{ flowId: started.flowId, ok: true, account, message: '@AcmeAir is connected' }]);
    await expect.poll(() => fetch(`http://127.0.0.1:${t.port}/callback`).then(() => 'open', () => 'closed')).toBe('closed');
  });

  it('refuses a wrong state with a clear page, says nothing in the app (Deckhand never issued it), and keeps waiting for the real one', async () => {
    const t = await setup();
    cleanup = () => t.flows.close();
    await t.flows.start();
    const page = await t.callback('state=forged&code=stolen');
    expect(page.status).toBe(400);
    expect(page.text).toContain('does not match a sign-in Deckhand started');
    expect(t.exchanged).toEqual([]);
    expect(t.results).toEqual([]);
    expect(t.flows.pendingCount).toBe(1);
  });

  it('answers a `//` request line with a page and keeps serving the real sign-in', async () => {
    const t = await setup();
    cleanup = () => t.flows.close();
    const state = t.param((await t.flows.start()).authorizeUrl, 'state');
    for (const target of ['//', '//evil.example/callback']) {
      const answer = await rawRequest(t.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 404/);
    }
    expect((await t.callback(`state=${state}&code=the-code`)).text).toContain('@AcmeAir is connected');
  });

  it("reports X's error (the user declined) on the page and in the app", async () => {
    const t = await setup();
    cleanup = () => t.flows.close();
    const started = await t.flows.start();
    const state = t.param(started.authorizeUrl, 'state');
    const page = await t.callback(`state=${state}&error=access_denied&error_description=The+user+denied`);
    expect(page.text).toContain('X did not authorize Deckhand (access_denied: The user denied)');
    expect(t.results).toEqual([expect.objectContaining({ flowId: started.flowId, ok: false })]);
    expect(t.exchanged).toEqual([]);
  });

  it('times out, tells the app, and a late answer gets an "expired" page', async () => {
    const t = await setup();
    cleanup = () => t.flows.close();
    // A second flow keeps the callback server up after the first expires.
    const first = await t.flows.start();
    const state = t.param(first.authorizeUrl, 'state');
    t.clock.advance(5 * 60_000);
    await t.flows.start();
    t.clock.advance(5 * 60_000);
    expect(t.results).toEqual([expect.objectContaining({ flowId: first.flowId, ok: false, message: expect.stringContaining('timed out') })]);
    const page = await t.callback(`state=${state}&code=late`);
    expect(page.text).toContain('took too long and has expired');
    expect(t.exchanged).toEqual([]);
  });

  it('refuses the same handle twice with the reason on the page', async () => {
    const t = await setup({
      complete: async () => {
        throw new DeckhandError('conflict', '@AcmeAir is already connected to this workspace; it was not added twice.');
      },
    });
    cleanup = () => t.flows.close();
    const state = t.param((await t.flows.start()).authorizeUrl, 'state');
    const page = await t.callback(`state=${state}&code=c`);
    expect(page.text).toContain('already connected');
    expect(t.results[0]).toMatchObject({ ok: false, message: expect.stringContaining('already connected') });
  });

  it('says clearly when the callback port is taken', async () => {
    const t = await setup();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(t.port, '127.0.0.1', resolve));
    cleanup = async () => {
      await t.flows.close();
      await new Promise((resolve) => squatter.close(resolve));
    };
    const failure = await t.flows.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeckhandError);
    expect((failure as Error).message).toContain(`another program uses port ${t.port}`);
  });
});

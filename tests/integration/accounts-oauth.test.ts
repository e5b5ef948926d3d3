// Brand handles end to end in the core: OAuth 2.0 with PKCE against the sandbox's consent page and
// token endpoint over real HTTP, tokens in a real gnome-keyring (scripts/with-keyring.sh), time
// moved by a ManualClock shared with the token manager.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import type { Account, AccountConnectResult, ColumnStatus } from '../../src/shared/domain';
import { parseTokenSet } from '../../src/main/core/accounts/token-set';
import { openAccountsWorkspace, type AccountsWorkspace } from '../helpers/accounts-workspace';
import { answerConsent, registerSandboxApp } from '../helpers/consent';
import { startSandboxCli, type Started } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('OAuth integration tests skipped: they need a Secret Service; run them through scripts/with-keyring.sh (npm test does)');

const TWO_HOURS = 2 * 3_600_000;
const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'dm.read', 'dm.write', 'like.write', 'offline.access'];

describe.skipIf(!keyring)('connecting brand handles with OAuth 2.0 and PKCE', () => {
  let sandbox: Started;
  let admin: ReturnType<typeof sandboxAdmin>;
  let ws: AccountsWorkspace;
  const clock = new ManualClock(Date.now());
  const clientId = `deckhand-it-${randomUUID().slice(0, 8)}`;
  const accounts = new Map<string, Account>();

  const connectResults = () => ws.events.filter((e) => e.event === 'accountConnectFinished').map((e) => e.payload as AccountConnectResult);
  const tokenRequests = async () => (await admin.requests()).filter((r) => r.method === 'POST' && r.path === '/2/oauth2/token').length;
  const keychainSet = async (accountId: string) => parseTokenSet(await ws.keychainEntry(`account:${accountId}`));

  async function connect(username: string) {
    const start = await ws.ok('startAccountConnect', {});
    expect(start.openedExternally).toBe(false);
    const before = connectResults().length;
    const page = await answerConsent(start.authorizeUrl, username);
    const result = await eventually(() => connectResults()[before], 5_000, 'the connect result');
    return { start, page, result };
  }

  beforeAll(async () => {
    sandbox = await startSandboxCli();
    const sandboxUrl = sandbox.match[1]!;
    admin = sandboxAdmin(sandboxUrl);
    ws = await openAccountsWorkspace({ sandboxUrl, clientId, clock });
    await registerSandboxApp(sandboxUrl, { clientId, name: 'Deckhand integration test', redirectUris: [`http://127.0.0.1:${ws.callbackPort}/callback`] });
  }, 40_000);

  afterAll(async () => {
    await ws?.close();
    await sandbox?.stop();
  });

  it('connects two handles through the consent page; each appears with name and handle, its tokens only in the keychain', async () => {
    for (const username of ['AcmeAir', 'NimbusMobile']) {
      const { page, result } = await connect(username);
      expect(page.status).toBe(200);
      expect(page.html).toContain(`@${username} is connected`);
      expect(result).toMatchObject({ ok: true, account: { username, status: 'connected' } });
      accounts.set(username, result.account!);
    }
    const listed = await ws.ok('listAccounts', {});
    expect(listed.map((a) => a.username).sort()).toEqual(['AcmeAir', 'NimbusMobile']);
    expect(listed.every((a) => a.name.length > 0)).toBe(true);
    expect(ws.events.some((e) => e.event === 'accountsChanged' && (e.payload as Account[]).length === 2)).toBe(true);

    const issued = await admin.tokens();
    for (const account of accounts.values()) {
      const set = await keychainSet(account.id);
      expect(set?.scopes.sort()).toEqual([...SCOPES].sort());
      const live = issued.filter((t) => t.username === account.username && !t.revoked);
      expect(live.map((t) => t.token).sort()).toEqual([set!.accessToken, set!.refreshToken].sort());
    }
  });

  it('refuses the same handle twice, clearly, and keeps the first connection', async () => {
    const acme = accounts.get('AcmeAir')!;
    const kept = await keychainSet(acme.id);
    const { page, result } = await connect('AcmeAir');
    expect(page.status).toBe(400);
    expect(page.html).toContain('@AcmeAir is already connected');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('already connected') });
    expect(await keychainSet(acme.id)).toEqual(kept);
    expect((await ws.ok('listAccounts', {})).length).toBe(2);
    // The unused grant was revoked at X; the kept one still works.
    const extra = (await admin.tokens()).filter((t) => t.username === 'AcmeAir' && ![kept!.accessToken, kept!.refreshToken].includes(t.token));
    expect(extra.length).toBe(2);
    expect(extra.every((t) => t.revoked)).toBe(true);
  });

  it('ignores an answer whose state it did not send, saying so in the browser only', async () => {
    const { authorizeUrl } = await ws.ok('startAccountConnect', {});
    const before = connectResults().length;
    const forged = await fetch(`http://127.0.0.1:${ws.callbackPort}/callback?state=forged&code=stolen`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not match a sign-in Deckhand started');
    expect(connectResults()).toHaveLength(before);
    // The real sign-in still completes afterwards (here: the user cancels on X's page).
    const declined = await answerConsent(authorizeUrl, 'AcmeAir', 'deny');
    expect(declined.html).toContain('access_denied');
  });

  it('replies as each handle', async () => {
    for (const account of accounts.values()) {
      const { id } = await admin.createPost({ author: 'maria_flies', text: `@${account.username} where is my order?` });
      const reply = await ws.ok('replyToPost', { accountId: account.id, inReplyToPostId: id, text: `Sorry Maria, ${account.username} is on it.` });
      const posted = (await admin.postsBy(account.username)).find((p) => p.id === reply.id);
      expect(posted?.in_reply_to_post_id).toBe(id);
    }
  });

  it('ten concurrent calls across the expiry make exactly one refresh, and the rotated token is kept', async () => {
    const acme = accounts.get('AcmeAir')!;
    const before = await keychainSet(acme.id);
    const { id } = await admin.createPost({ author: 'sam_k', text: '@AcmeAir my bag did not arrive' });
    const refreshesBefore = await tokenRequests();
    clock.advance(TWO_HOURS);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, n) => ws.call('replyToPost', { accountId: acme.id, inReplyToPostId: id, text: `Sam, we are tracing it (${n + 1}/10)` })),
    );
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    expect((await tokenRequests()) - refreshesBefore).toBe(1);
    const after = await keychainSet(acme.id);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    const issued = await admin.tokens();
    expect(issued.find((t) => t.token === before!.refreshToken)?.used).toBe(true);
    expect(issued.find((t) => t.token === after!.refreshToken)).toMatchObject({ used: false, revoked: false });
  });

  it('an access token X refuses before its expiry is refreshed once and the reply still goes out', async () => {
    const acme = accounts.get('AcmeAir')!;
    const before = await keychainSet(acme.id);
    await fetch(new URL('/2/oauth2/revoke', sandbox.match[1]!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: before!.accessToken, token_type_hint: 'access_token' }),
    });
    const { id } = await admin.createPost({ author: 'sam_k', text: '@AcmeAir any news on my bag?' });
    const refreshesBefore = await tokenRequests();
    const reply = await ws.call('replyToPost', { accountId: acme.id, inReplyToPostId: id, text: 'Sam, it is on the 18:40 flight.' });
    expect(reply).toMatchObject({ ok: true });
    expect((await tokenRequests()) - refreshesBefore).toBe(1);
    expect((await keychainSet(acme.id))!.accessToken).not.toBe(before!.accessToken);
    const replies = (await admin.requests()).filter((r) => r.method === 'POST' && r.path === '/2/tweets').slice(-2);
    expect(replies.map((r) => r.status)).toEqual([401, 201]);
  });

  it('a refresh X refuses marks the handle "Reconnect needed" and pauses its columns; reconnecting resumes them', async () => {
    const nimbus = accounts.get('NimbusMobile')!;
    const column = await ws.ok('createColumn', { kind: 'search', accountId: nimbus.id, query: 'nimbus outage' });
    await ws.core.settled(); // the column's first poll (and any refresh it needed) is done
    // The user revoked Deckhand in X's settings: every refresh token of the handle is dead.
    const live = (await admin.tokens()).filter((t) => t.username === 'NimbusMobile' && t.kind === 'refresh' && !t.revoked && !t.used);
    expect(live.map((t) => t.token)).toEqual([(await keychainSet(nimbus.id))!.refreshToken]);
    await fetch(new URL('/2/oauth2/revoke', sandbox.match[1]!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: live[0]!.token, token_type_hint: 'refresh_token' }),
    });
    clock.advance(TWO_HOURS);
    const { id } = await admin.createPost({ author: 'li_wen', text: '@NimbusMobile no signal since noon' });
    const refused = await ws.call('replyToPost', { accountId: nimbus.id, inReplyToPostId: id, text: 'Li, we are checking the mast.' });
    expect(refused.ok).toBe(false);
    const status = await eventually(async () => (await ws.ok('listAccounts', {})).find((a) => a.id === nimbus.id)?.status === 'reconnect_needed', 5_000, 'reconnect needed');
    expect(status).toBe(true);
    const paused = await eventually(
      () => ws.events.map((e) => e.payload as ColumnStatus).find((s) => s?.columnId === column.id && s.state === 'paused'),
      5_000,
      'the column paused',
    );
    expect(paused.message).toContain('@NimbusMobile needs to be reconnected');

    const { result } = await connect('NimbusMobile');
    expect(result).toMatchObject({ ok: true, account: { username: 'NimbusMobile', status: 'connected' } });
    const statuses = await ws.ok('listColumnStatuses', {});
    expect(statuses.find((s) => s.columnId === column.id)?.state).not.toBe('paused');
    expect((await ws.call('replyToPost', { accountId: nimbus.id, inReplyToPostId: id, text: 'Li, the mast is fixed.' })).ok).toBe(true);
  });

  it('removing a handle revokes both tokens at X, deletes its keychain entry and, if asked, its columns', async () => {
    const nimbus = accounts.get('NimbusMobile')!;
    const set = await keychainSet(nimbus.id);
    const revokesBefore = (await admin.requests()).filter((r) => r.path === '/2/oauth2/revoke').length;
    await ws.ok('removeAccount', { accountId: nimbus.id, data: 'delete' });
    const revokes = (await admin.requests()).filter((r) => r.path === '/2/oauth2/revoke').slice(revokesBefore);
    expect(revokes.map((r) => r.status)).toEqual([200, 200]);
    const issued = await admin.tokens();
    expect(issued.find((t) => t.token === set!.accessToken)?.revoked).toBe(true);
    expect(issued.find((t) => t.token === set!.refreshToken)?.revoked).toBe(true);
    expect(await ws.keychainEntry(`account:${nimbus.id}`)).toBeNull();
    expect((await ws.ok('listAccounts', {})).map((a) => a.username)).toEqual(['AcmeAir']);
    expect((await ws.ok('listColumns', {})).filter((c) => c.accountId === nimbus.id)).toEqual([]);
  });

  it('removing with "keep" leaves its columns, read-only', async () => {
    const acme = accounts.get('AcmeAir')!;
    const column = await ws.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'acme luggage' });
    await ws.ok('removeAccount', { accountId: acme.id, data: 'keep' });
    expect(await ws.keychainEntry(`account:${acme.id}`)).toBeNull();
    expect((await ws.ok('listAccounts', {})).find((a) => a.id === acme.id)?.status).toBe('removed');
    expect((await ws.ok('listColumns', {})).some((c) => c.id === column.id)).toBe(true);
    const status = (await ws.ok('listColumnStatuses', {})).find((s) => s.columnId === column.id);
    expect(status).toMatchObject({ state: 'paused', message: expect.stringContaining('kept read-only') });
  });
});

// A full use of a brand handle (set up the X app, connect, stream, reply, refresh, restart,
// remove), then a search for every token the sandbox ever issued in everything Deckhand wrote or
// said: the data dir (SQLite and its WAL, settings file, logs), every event and every envelope sent
// towards the renderer, and the pages the browser was shown. None may appear.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import type { AccountConnectResult, PostView } from '../../src/shared/domain';
import { openAccountsWorkspace, type AccountsWorkspace } from '../helpers/accounts-workspace';
import { answerConsent, registerSandboxApp } from '../helpers/consent';
import { filesUnder } from '../helpers/files';
import { startSandboxCli, type Started } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('token leak test skipped: it needs a Secret Service; run it through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('tokens never leave the keychain', () => {
  let sandbox: Started;
  let ws: AccountsWorkspace;
  const clock = new ManualClock(Date.now());
  const pages: string[] = [];
  const clientId = `deckhand-leak-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    sandbox = await startSandboxCli();
    ws = await openAccountsWorkspace({ sandboxUrl: sandbox.match[1]!, clientId, clock });
    await registerSandboxApp(sandbox.match[1]!, { clientId, name: 'Deckhand leak test', redirectUris: [`http://127.0.0.1:${ws.callbackPort}/callback`] });
  }, 40_000);

  afterAll(async () => {
    await ws?.close();
    await sandbox?.stop();
  });

  it('after connect, stream, reply, refresh, restart and remove, no token is anywhere but the keychain', async () => {
    const admin = sandboxAdmin(sandbox.match[1]!);

    // The admin enters the app Bearer token; the next start streams with it.
    const settings = await ws.ok('saveXAppSettings', { bearerToken: await admin.appToken() });
    expect(settings.bearerTokenSet).toBe(true);
    await ws.restart();
    const capabilities = await ws.ok('getXAppCapabilities', {});
    expect(capabilities).toMatchObject({ stream: 'available', columnSource: 'streaming', usageProblem: null });
    expect(capabilities.usage?.projectUsage).toEqual(expect.any(Number));

    // Connect.
    const start = await ws.ok('startAccountConnect', {});
    const callback = await answerConsent(start.authorizeUrl, 'AcmeAir');
    pages.push(callback.html);
    const connected = await eventually(
      () => ws.events.map((e) => e.payload as AccountConnectResult).find((r) => r?.flowId === start.flowId),
      5_000,
      'the connection',
    );
    const account = connected.account!;

    // Stream: a post matching the column arrives live.
    const column = await ws.ok('createColumn', { kind: 'search', accountId: account.id, query: 'leakcheck' });
    const { id } = await admin.createPost({ author: 'pat_q', text: '@AcmeAir leakcheck: my seat was double booked' });
    await eventually(
      () => ws.events.some((e) => e.event === 'columnPosts' && (e.payload as { columnId: string; posts: PostView[] }).posts.some((p) => p.id === id)),
      10_000,
      'the streamed post',
    );
    expect((await ws.ok('listColumnStatuses', {})).find((s) => s.columnId === column.id)?.state).toBe('streaming');

    // Reply, then again after the access token expired (a refresh in between).
    await ws.ok('replyToPost', { accountId: account.id, inReplyToPostId: id, text: 'Pat, we fixed your seat.' });
    clock.advance(2 * 3_600_000);
    await ws.ok('replyToPost', { accountId: account.id, inReplyToPostId: id, text: 'Pat, boarding pass re-sent.' });
    expect((await admin.requests()).filter((r) => r.path === '/2/oauth2/token').length).toBe(2); // code, then one refresh

    // Quit and start again: the handle is still connected (its tokens came back from the keychain).
    await ws.restart();
    await ws.ok('replyToPost', { accountId: account.id, inReplyToPostId: id, text: 'Pat, have a good flight.' });

    // A failed sign-in and the settings, as the renderer would ask for them.
    const failed = await ws.ok('startAccountConnect', {});
    pages.push(await (await fetch(`http://127.0.0.1:${ws.callbackPort}/callback?state=wrong&code=x`)).text());
    await ws.ok('cancelAccountConnect', { flowId: failed.flowId });
    await ws.ok('getXAppSettings', {});
    await ws.ok('removeAccount', { accountId: account.id, data: 'keep' });

    const tokens = (await admin.tokens()).map((t) => t.token);
    expect(tokens.length).toBeGreaterThanOrEqual(5); // app, first pair, refreshed pair
    const files = filesUnder(ws.dataDir);
    expect(files.map((f) => f.slice(ws.dataDir.length))).toEqual(expect.arrayContaining(['/config.json', '/logs/deckhand.log', '/workspace.sqlite']));
    const places: [string, string | Buffer][] = [
      ...files.map((file): [string, Buffer] => [file, readFileSync(file)]),
      ['events', JSON.stringify(ws.events)],
      ['envelopes', JSON.stringify(ws.envelopes)],
      ...pages.map((page, n): [string, string] => [`callback page ${n}`, page]),
    ];
    const leaks = places.flatMap(([where, content]) => tokens.filter((token) => content.includes(token)).map((token) => `${where}: ${token.slice(0, 6)}…`));
    expect(leaks).toEqual([]);
    expect(ws.events.length).toBeGreaterThan(5);
  });
});

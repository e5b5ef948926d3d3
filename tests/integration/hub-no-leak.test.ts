// The token leak scan, at the team's hub: the hub as its own process (`npm run hub`, brand tokens
// sealed with an operator key) ingesting from an X API sandbox whose access tokens live 122 s (two
// seconds past the hub's refresh margin, so every reply a few seconds apart refreshes and rotates).
// An Owner and an Agent over the raw protocol: claim, connect @AcmeAir through the hub's callback,
// a team column fills, replies go out (refreshing), the hub restarts and replies again with the
// rotated tokens it sealed. Then every token the sandbox issued, and the operator key, are looked
// for in the hub's files (database, WAL, SHM, the ingest's working file), its stdout and stderr,
// every message either desktop received, and the callback pages. None may appear.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { LogEntry, MemberCredentialGrant, MutationResult } from '../../src/shared/hub-protocol';
import { answerConsent } from '../helpers/consent';
import { filesUnder } from '../helpers/files';
import { startHubCli } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';
import { Desktop, inviteCodeOf } from '../hub/hub-rig';

/** The hub refreshes an access token two minutes before it expires: these are stale two seconds after issue. */
const ACCESS_TOKEN_TTL_S = 122;
const STALE_AFTER_MS = 2_500;

type HubCli = Awaited<ReturnType<typeof startHubCli>>;

function applied(result: MutationResult): Record<string, unknown> {
  if (result.outcome !== 'applied' || typeof result.result !== 'object' || result.result === null) throw new Error(`the hub did not apply it: ${JSON.stringify(result)}`);
  return { ...result.result };
}

/** Pulls from `cursor` until the desktop has caught up; every entry it was sent. */
async function pullAll(desktop: Desktop, cursor: number): Promise<{ entries: LogEntry[]; cursor: number }> {
  const entries: LogEntry[] = [];
  for (;;) {
    const answer = await desktop.pull(cursor);
    if (answer.type !== 'pullResult') throw new Error(`pull answered ${JSON.stringify(answer).slice(0, 300)}`);
    entries.push(...answer.entries);
    cursor = answer.cursor;
    if (!answer.more) return { entries, cursor };
  }
}

/**
 * What `secret` looks like inside base64 of a longer text (a JSON token set, say), wherever it
 * starts: for each of the three alignments, the characters that depend on the secret alone.
 */
function inBase64(secret: string): string[] {
  return [0, 1, 2].map((offset) => Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString('base64').slice(offset === 0 ? 0 : 4, -4));
}

const ingestedIds = (entries: LogEntry[]) =>
  entries.filter((entry) => entry.intent === 'ingested').flatMap((entry) => (entry.args as { posts: { id: string }[] }).posts.map((post) => post.id));

describe('the hub leaks no token', () => {
  let sandbox: RunningSandbox;
  const dir = tempDir('deckhand-hub-leak-');
  const dbFile = join(dir.path, 'hub.sqlite');
  const operatorKey = randomBytes(32).toString('base64');
  const hubs: HubCli[] = [];
  const desktops: Desktop[] = [];
  const pages: string[] = [];

  const startHub = async (env: Record<string, string>) => {
    const hub = await startHubCli(['--db', dbFile], env);
    hubs.push(hub);
    return hub;
  };
  const connect = async (hub: HubCli, grant: MemberCredentialGrant, clientId: string) => {
    const desktop = await Desktop.connect(hub.url, grant.credential, clientId);
    desktops.push(desktop);
    return desktop;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ accessTokenTtlS: ACCESS_TOKEN_TTL_S });
  });

  afterAll(async () => {
    for (const desktop of desktops) desktop.close();
    for (const hub of hubs) await hub.stop();
    await sandbox?.close();
    dir.remove();
  });

  it('after claim, connect, ingest, replies with refreshed tokens and a restart, no token nor the operator key is in its files, logs or messages', async () => {
    const admin = sandboxAdmin(sandbox.url);
    const env = { DECKHAND_HUB_KEY: operatorKey, DECKHAND_X_API_BASE: sandbox.url, DECKHAND_X_CLIENT_ID: DEMO_CLIENT_ID, DECKHAND_X_BEARER_TOKEN: await admin.appToken() };
    let hub = await startHub(env);
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(201);
      return (await response.json()) as MemberCredentialGrant;
    };

    // Claim, and connect @AcmeAir through the hub: X sends the browser back to the hub's callback.
    const ownerGrant = await post('/claim', { setupCode: hub.setupCode, teamName: 'Acme care', displayName: 'Olivia Owner' });
    let owner = await connect(hub, ownerGrant, 'owner-desktop');
    const { authorizeUrl } = applied(await owner.intent('connectHandle', {}));
    const callback = await answerConsent(String(authorizeUrl), 'AcmeAir');
    pages.push(callback.html);
    expect(callback.html).toContain('@AcmeAir is now one of the team&#39;s handles');
    const connectedAt = Date.now();
    pages.push(await (await fetch(`${hub.url}/callback?state=forged&code=x`)).text());
    let ownerCursor = 0;
    const handleId = await eventually(async () => {
      const pulled = await pullAll(owner, ownerCursor);
      ownerCursor = pulled.cursor;
      return pulled.entries.map((entry) => (entry.intent === 'handleConnected' ? (entry.args as { handle: { id: string } }).handle.id : undefined)).find(Boolean);
    }, 5_000, '@AcmeAir to be a team handle');

    // An Agent joins; a team column; posts flow to both.
    const memberGrant = await post('/join', { code: inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: 'agent' } })), displayName: 'Andy Agent' });
    let member = await connect(hub, memberGrant, 'agent-desktop');
    let memberCursor = 0;
    applied(await owner.intent('addTeamColumn', { handleId, columnId: 'leakcheck-column', source: { kind: 'search', query: 'leakcheck' } }));
    const flows = async (text: string) => {
      const { id } = await admin.createPost({ author: 'pat_q', text });
      await eventually(async () => {
        const [mine, theirs] = await Promise.all([pullAll(owner, ownerCursor), pullAll(member, memberCursor)]);
        ownerCursor = mine.cursor;
        memberCursor = theirs.cursor;
        return ingestedIds(theirs.entries).includes(id) || undefined;
      }, 15_000, `"${text}" to reach the Agent through the hub`);
      return id;
    };
    const postId = await flows('@AcmeAir leakcheck: my seat was double booked');

    // A reply through the hub once the access token is stale: the hub refreshes (X rotates the refresh token).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, connectedAt + STALE_AFTER_MS - Date.now())));
    const tokenCalls = async () => (await admin.requests()).filter((request) => request.path === '/2/oauth2/token').length;
    expect(applied(await member.intent('sendReply', { handleId, postId, text: 'Pat, we fixed your seat.' }))).toMatchObject({ status: 'sent' });
    expect(await tokenCalls()).toBeGreaterThanOrEqual(2); // the code, then a refresh
    // The refresh is a use of the brand's tokens: the audit log has it, by the hub (the token itself nowhere).
    const audit = await owner.read('auditLog');
    expect(audit.ok && (audit.value as { intent: string; actor: string; handle: string | null }[]).some((entry) => entry.intent === 'tokenRefreshed' && entry.actor === 'Deckhand hub' && entry.handle === '@AcmeAir')).toBe(true);

    // Restart: the hub opens its sealed tokens again, refreshes with the rotated refresh token, and replies.
    await hub.stop();
    const refreshesBefore = await tokenCalls();
    hub = await startHub(env);
    // New client ids: a desktop's mutation ids start again, and the hub would replay the old answers.
    owner = await connect(hub, ownerGrant, 'owner-desktop-2');
    member = await connect(hub, memberGrant, 'agent-desktop-2');
    for (const desktop of [owner, member]) {
      const snapshot = desktop.next((message) => message.type === 'snapshot');
      desktop.sendRaw(JSON.stringify({ type: 'pull', cursor: 0, snapshot: true }));
      await snapshot;
    }
    await flows('@AcmeAir leakcheck: and my bag is missing');
    await new Promise((resolve) => setTimeout(resolve, STALE_AFTER_MS));
    expect(applied(await member.intent('sendReply', { handleId, postId, text: 'Pat, your bag is on its way.' }))).toMatchObject({ status: 'sent' });
    expect(await tokenCalls()).toBeGreaterThan(refreshesBefore);
    expect((await admin.postsBy('AcmeAir')).map((reply) => reply.text)).toEqual(['Pat, we fixed your seat.', 'Pat, your bag is on its way.']);

    const issued = await admin.tokens();
    expect(issued.filter((token) => token.kind === 'refresh' && token.used).length).toBeGreaterThanOrEqual(2);
    const secrets = [...issued.map((token) => token.token), operatorKey];
    const keyBytes = Buffer.from(operatorKey, 'base64');
    const leaksIn = (where: string, content: string | Buffer) => [
      ...secrets.filter((secret) => content.includes(secret) || inBase64(secret).some((encoded) => content.includes(encoded))).map((secret) => `${where}: ${secret.slice(0, 6)}…`),
      ...(Buffer.isBuffer(content) && content.includes(keyBytes) ? [`${where}: the operator key's bytes`] : []),
    ];
    const filesNow = () => filesUnder(dir.path).flatMap((file) => leaksIn(file.slice(dir.path.length), readFileSync(file)));

    // While the hub runs: its database with the WAL and SHM beside it, and the ingest's working file.
    const running = filesUnder(dir.path).map((file) => file.slice(dir.path.length));
    expect(running).toEqual(expect.arrayContaining(['/hub.sqlite', '/hub.sqlite-wal', '/hub.sqlite-shm', '/ingest/ingest.sqlite']));
    const leaks = filesNow();
    await hub.stop();
    leaks.push(...filesNow());
    leaks.push(...hubs.flatMap((started, n) => leaksIn(`hub process ${n + 1} stdout+stderr`, started.output())));
    leaks.push(...desktops.flatMap((desktop, n) => leaksIn(`messages to ${desktop.clientId} (${n + 1})`, JSON.stringify(desktop.received))));
    leaks.push(...pages.flatMap((page, n) => leaksIn(`callback page ${n + 1}`, page)));
    expect(leaks).toEqual([]);
    // The scan looked at something: the hub logged, and the desktops heard the posts and replies.
    expect(hubs.every((started) => started.output().includes('hub ingest started'))).toBe(true);
    expect(desktops.some((desktop) => JSON.stringify(desktop.received).includes('replySettled'))).toBe(true);
  }, 90_000);
});

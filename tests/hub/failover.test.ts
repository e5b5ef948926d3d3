// Leader failover between two hub processes on one PostgreSQL: a real X API sandbox process, two
// hub CLI processes sharing the store (and its sealed vault), @AcmeAir connected through the hub
// and a team search column. Posts keep coming while the ingest leader is killed with SIGKILL; the
// other process takes over, fills the gap from recent search, and every post reaches the team's
// log (and team_posts) exactly once — also the ones created while no process was leading.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { answerConsent } from '../helpers/consent';
import { startSandboxCli } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { sandboxAppToken } from '../../src/main/core/workspace/demo';
import { HUB_ENGINES } from './engines';
import { claim, connectDesktop as connectTo, pullAll, spawnHub as spawnHubProcess, type Desktop, type HubProcess } from './hub-process';

const postgresEngine = HUB_ENGINES.find((engine) => engine.name === 'postgres');
const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) {
  if (process.env.CI === 'true') throw new Error('The failover test needs the keyring under CI: run it through scripts/with-keyring.sh.');
  console.warn('hub failover test skipped: no Secret Service here; run it through scripts/with-keyring.sh (npm test does)');
}

const cleanups: (() => Promise<unknown> | void)[] = [];
const spawnHub = (spec: string, env: Record<string, string>) => spawnHubProcess(spec, env, cleanups);
const connectDesktop = (hub: HubProcess, credential: string, clientId: string) => connectTo(hub, credential, clientId, cleanups);
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEADS = /"message":"ingest leader: this process"/;
const COLUMN_ID = 'failover-search-column';

/** What this test reads of the hub's answers and log entries. */
const connectStarted = z.object({ authorizeUrl: z.string().url() });
const handleConnected = z.object({ handle: z.object({ id: z.string(), username: z.string() }) });
const ingested = z.object({ columnId: z.string(), posts: z.array(z.object({ id: z.string() })) });

/** How many times each post id was ingested into the column, by the desktop's pulled log. */
async function ingestedCounts(desktop: Desktop): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const entry of await pullAll(desktop)) {
    if (entry.intent !== 'ingested') continue;
    const args = ingested.parse(entry.args);
    if (args.columnId !== COLUMN_ID) continue;
    for (const post of args.posts) counts.set(post.id, (counts.get(post.id) ?? 0) + 1);
  }
  return counts;
}

async function teamPostIds(spec: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    return (await client.query<{ post_id: string }>('SELECT post_id FROM team_posts WHERE column_id = $1', [COLUMN_ID])).rows.map((row) => row.post_id);
  } finally {
    await client.end();
  }
}

describe.runIf(postgresEngine && keyring)('ingest leader failover between two hub processes on one PostgreSQL', () => {
  it('kill -9 of the leader: the other process ingests, fills the gap from recent search, and no post is lost or doubled', async () => {
    const sandbox = await startSandboxCli();
    cleanups.push(() => sandbox.stop());
    const sandboxUrl = sandbox.match[1]!;
    const admin = sandboxAdmin(sandboxUrl);
    const spec = await postgresEngine!.freshSpec();
    const env = {
      DECKHAND_HUB_KEY: randomBytes(32).toString('base64'),
      DECKHAND_X_API_BASE: sandboxUrl,
      DECKHAND_X_CLIENT_ID: DEMO_CLIENT_ID,
      DECKHAND_X_BEARER_TOKEN: await sandboxAppToken(sandboxUrl),
    };
    const first = await spawnHub(spec, env);
    const second = await spawnHub(spec, env);
    const [leader, standby] = LEADS.test(first.output()) ? [first, second] : [second, first];
    expect(leader.output()).toMatch(LEADS);
    expect(standby.output()).not.toMatch(LEADS);

    // The Owner claims the team and connects @AcmeAir through the leader; a desktop on the standby reads.
    const credential = await claim(first);
    const owner = await connectDesktop(leader, credential, 'owner-on-leader');
    const started = await owner.intent('connectHandle', {});
    if (started.outcome !== 'applied') throw new Error(`connectHandle refused: ${JSON.stringify(started)}`);
    const { authorizeUrl } = connectStarted.parse(started.result);
    const consent = await answerConsent(authorizeUrl, 'AcmeAir');
    expect(consent.status).toBe(200);
    const reader = await connectDesktop(standby, credential, 'desktop-on-standby');
    const handle = await eventually(async () => {
      const connected = (await pullAll(reader)).find((entry) => entry.intent === 'handleConnected');
      return connected && handleConnected.parse(connected.args).handle;
    }, 5_000, '@AcmeAir to be a team handle');
    expect(handle.username).toBe('AcmeAir');
    expect(await owner.intent('addTeamColumn', { handleId: handle.id, columnId: COLUMN_ID, source: { kind: 'search', query: 'failovertest' } })).toMatchObject({ outcome: 'applied' });

    // The leader's stream is live: a post reaches the standby's desktop through the log.
    const created: string[] = [];
    const live = await admin.createPost({ author: 'casey_customer', text: 'failovertest: before the failover' });
    created.push(live.id);
    await eventually(async () => (await ingestedCounts(reader)).has(live.id), 15_000, 'the leader to ingest a post');

    // Posts keep coming, one every 100 ms, until the takeover is well over.
    let producing = true;
    const producer = (async () => {
      for (let n = 1; producing; n++) {
        created.push((await admin.createPost({ author: 'casey_customer', text: `failovertest steady #${n}` })).id);
        await sleep(100);
      }
    })();
    await sleep(1_000);

    // The standby is held still (as a slow machine would be) so that no process leads for a while
    // for certain, and more posts than one page of recent search (100) arrive in that gap.
    standby.child.kill('SIGSTOP');
    const exited = new Promise((resolve) => leader.child.once('exit', resolve));
    leader.child.kill('SIGKILL');
    await exited;
    const leaderless: string[] = [];
    for (let n = 1; n <= 150; n++) leaderless.push((await admin.createPost({ author: 'casey_customer', text: `failovertest leaderless #${n}` })).id);
    created.push(...leaderless);
    expect(standby.output()).not.toMatch(LEADS);
    standby.child.kill('SIGCONT');

    await eventually(() => LEADS.test(standby.output()), 10_000, 'the surviving process to log that it leads');
    await sleep(3_000);
    producing = false;
    await producer;

    const missing = async () => {
      const seen = await ingestedCounts(reader);
      return created.filter((id) => !seen.has(id));
    };
    await eventually(async () => (await missing()).length === 0, 30_000, 'every created post to be ingested').catch(async (error: unknown) => {
      const lost = await missing();
      throw new Error(`${String(error)}: ${lost.length} of ${created.length} never reached the log (${lost.filter((id) => leaderless.includes(id)).length} of them created while no process led)\n${standby.output()}`);
    });
    await sleep(1_000); // a late duplicate would show up now
    const final = await ingestedCounts(reader);
    const doubled = [...final].filter(([, count]) => count > 1).map(([id]) => id);
    expect(doubled).toEqual([]);
    expect(created.filter((id) => final.get(id) !== 1)).toEqual([]);
    // Including every post no stream was there to see: the new leader found them by recent search.
    expect(leaderless.filter((id) => final.get(id) !== 1)).toEqual([]);
    const stored = await teamPostIds(spec);
    expect(created.filter((id) => !stored.includes(id))).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
  }, 120_000);
});

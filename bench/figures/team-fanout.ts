// Fan-out freshness (`team.fanout-freshness-p50`, `-p99`): the hub ingests for the team and fans
// what it ingests out to the desktops. A sandbox process (no traffic of its own until asked), the
// hub process (bundle of src/hub/cli.ts, SQLite, sealed vault) ingesting from it with the sandbox's
// demo app, @AcmeAir connected through the hub's OAuth callback as a member would, a team search
// column on the brand, and 50 members' desktops (hub-desktop.ts: raw `ws` clients that pull on
// every poke, unless it carries the entries after their cursor). The sandbox's traffic generator then writes customer posts about @AcmeAir at
// 200 posts/s. Freshness = Date.now() when a desktop receives the post in an `ingested` entry −
// the post's created_at as the sandbox stamped it as it wrote it to the stream (as `freshness` does
// for the single desktop); one sample per post and desktop.
// Ceiling: the same posts at the hub itself — the `at` the hub stamped on their `ingested` entry
// as it logged them (stream receipt, filing, the log's transaction), before any desktop hears of them.
import { join } from 'node:path';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import type { PostView } from '../../src/shared/domain';
import type { LogEntry } from '../../src/shared/hub-protocol';
import { answerConsent } from '../../tests/helpers/consent';
import { sandboxAdmin } from '../../tests/helpers/sandbox';
import type { BenchContext } from '../context';
import { appliedValue, BenchDesktop, claimBenchHub, connectDesktops, joinMembers } from '../hub-desktop';
import { cpuSecondsOf, hubSetupCode, startHubProcess, startSandboxProcess, type BenchProcess } from '../processes';
import { latencyFigures, type Figure } from '../report';
import { percentile, round, sleep } from '../stats';

const COLUMN_ID = 'bench-fanout-acmeair';
const BRAND = 'AcmeAir';
/** Of the generator's posts about a brand, the share that name it (spam and chatter mostly do not): measured, about 0.88. */
const MATCHING_SHARE = 0.88;
const WARM_UP_TIMEOUT_MS = 30_000;
const DRAIN_MS = 2_000;

const ingestedPosts = (entry: LogEntry): PostView[] => (entry.intent === 'ingested' ? (entry.args as { posts: PostView[] }).posts : []);

/** Waits until `ready()` holds, checking every few milliseconds. */
async function until(ready: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what()} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** The Owner connects @AcmeAir through the hub (X's consent page, back to the hub's callback); its handle id. */
async function connectBrand(owner: BenchDesktop): Promise<string> {
  let handleId: string | null = null;
  owner.onEntry = (entry) => {
    if (entry.intent === 'handleConnected') handleId = (entry.args as { handle: { id: string } }).handle.id;
  };
  const [result] = await owner.push([{ name: 'connectHandle', args: {} }]);
  const started = result ? appliedValue(result) : null;
  if (typeof started !== 'object' || started === null || !('authorizeUrl' in started) || typeof started.authorizeUrl !== 'string') throw new Error(`connectHandle gave no authorizeUrl: ${JSON.stringify(result)}`);
  const callback = await answerConsent(started.authorizeUrl, BRAND);
  if (callback.status !== 200) throw new Error(`the hub's callback answered ${callback.status}: ${callback.html.slice(0, 300)}`);
  await until(() => handleId !== null, 10_000, () => 'the Owner heard of no connected handle');
  owner.onEntry = null;
  return handleId!;
}

export async function runTeamFanoutFreshness(context: BenchContext): Promise<Figure[]> {
  const { teamDesktops: desktopCount, freshnessRate: rate, teamFanoutSeconds: seconds } = context.sizes;
  const sandbox = await startSandboxProcess(['--seed', '31']);
  const sandboxUrl = sandbox.match[1]!;
  const admin = sandboxAdmin(sandboxUrl);
  let hub: BenchProcess | null = null;
  let desktops: BenchDesktop[] = [];
  try {
    const dbFile = join(context.tempDir('deckhand-bench-fanout-'), 'hub.sqlite');
    hub = await startHubProcess(dbFile, { DECKHAND_X_API_BASE: sandboxUrl, DECKHAND_X_CLIENT_ID: DEMO_CLIENT_ID, DECKHAND_X_BEARER_TOKEN: await admin.appToken() });
    const url = hub.match[1]!;
    const ownerGrant = await claimBenchHub(url, hubSetupCode(hub));
    const owner = await BenchDesktop.connect(url, ownerGrant.credential, 'bench-owner');
    let members;
    try {
      const handleId = await connectBrand(owner);
      context.log(`team fan-out: @${BRAND} connected through the hub; ${desktopCount} desktops join`);
      members = await joinMembers(url, owner, handleId, desktopCount, 'agent');
      const [added] = await owner.push([{ name: 'addTeamColumn', args: { handleId, columnId: COLUMN_ID, source: { kind: 'search', query: BRAND } } }]);
      if (added) appliedValue(added);
    } finally {
      await owner.close();
    }
    desktops = await connectDesktops(url, members);
    await Promise.all(desktops.map((desktop) => (desktop.pull(), desktop.caughtUp())));

    // Per post: when the hub logged it, and when each desktop received it.
    const loggedAt = new Map<string, number>();
    const seenBy = new Map<string, number>();
    const samples: number[] = [];
    let measuringFrom = Number.POSITIVE_INFINITY;
    for (const desktop of desktops) {
      desktop.onEntry = (entry) => {
        const arrived = Date.now();
        for (const post of ingestedPosts(entry)) {
          const created = Date.parse(post.createdAt);
          seenBy.set(post.id, (seenBy.get(post.id) ?? 0) + 1);
          if (created < measuringFrom) continue;
          if (!loggedAt.has(post.id)) loggedAt.set(post.id, entry.at - created);
          samples.push(arrived - created);
        }
      };
    }

    // The stream is up once a post written now reaches every desktop (the hub starts it when the column comes).
    const warmUpDeadline = Date.now() + WARM_UP_TIMEOUT_MS;
    for (let attempt = 1; ; attempt++) {
      const { id } = await admin.createPost({ author: 'bench_warm_up', text: `@${BRAND} is anyone there? (warm-up ${attempt})` });
      const reached = await until(() => seenBy.get(id) === desktopCount, 2_000, () => 'warm-up').then(
        () => true,
        () => false,
      );
      if (reached) break;
      if (Date.now() > warmUpDeadline) throw new Error(`no warm-up post reached all ${desktopCount} desktops within ${WARM_UP_TIMEOUT_MS} ms`);
    }

    context.log(`team fan-out: ${rate} posts/s about @${BRAND} for ${seconds} s, to ${desktopCount} desktops`);
    measuringFrom = Date.now();
    const hubCpuBefore = cpuSecondsOf(hub.pid);
    const before = await admin.traffic({ rate: Math.round(rate / MATCHING_SHARE), seed: 41, brands: [BRAND] });
    await sleep(seconds * 1000);
    const after = await admin.traffic({ rate: 0 });
    const hubCpu = (cpuSecondsOf(hub.pid) - hubCpuBefore) / ((Date.now() - measuringFrom) / 1000);
    await sleep(DRAIN_MS);
    for (const desktop of desktops) desktop.onEntry = null;

    const errors = desktops.flatMap((desktop) => desktop.errors);
    if (errors.length > 0) throw new Error(`the hub answered desktops with errors: ${errors.slice(0, 5).join(' | ')}`);
    const posts = loggedAt.size;
    if (posts === 0) throw new Error('no post of the traffic reached a desktop');
    const complete = [...loggedAt.keys()].filter((id) => seenBy.get(id) === desktopCount).length;
    const ceilingSamples = [...loggedAt.values()];
    const figures = latencyFigures({
      name: 'team.fanout-freshness',
      label: `Team fan-out freshness, ${rate} posts/s to ${desktopCount} desktops`,
      samples,
      ceilingSamples,
      ceilingNote: "the same posts at the hub: the time the hub stamped on their ingested log entry − created_at (stream receipt and filing, before any fan-out)",
      high: 99,
      targetMs: 300,
      details: {
        measured: 'Date.now() when a desktop received the post in an ingested log entry (poke → pull → entry), minus the created_at the sandbox stamped as it wrote the post to the stream; one sample per post and desktop',
        desktops: desktopCount,
        seconds,
        postsEmitted: after.emitted - before.emitted,
        postsIngested: posts,
        postsPerSecond: round(posts / seconds),
        postsAtEveryDesktop: complete,
        samples: samples.length,
        max: Math.round(Math.max(...samples)),
        atHubP50: round(percentile(ceilingSamples, 50)),
        atHubP99: round(percentile(ceilingSamples, 99)),
        // Share of one core the hub process used while the traffic ran.
        hubCpu: round(hubCpu),
      },
    });
    // Named -p50/-p99 like the other team figures.
    return figures.map((found) => ({ ...found, name: found.name.replace(/\.(p\d+)$/, '-$1') }));
  } catch (error) {
    if (hub) context.log(`the hub said:\n${hub.output().slice(-2_000)}`);
    throw error;
  } finally {
    await Promise.all(desktops.map((desktop) => desktop.close()));
    await hub?.stop();
    await sandbox.stop();
  }
}

// DM freshness (issue 13): how long after the sandbox creates a DM the core announces it in a
// DMs column (`columnDmEvents`), p50/p99, two ways.
// - Activity stream: the sandbox as its own process, the core in this process (demo handles, app
//   token); latency = announcement − the DM's created_timestamp. Ceiling: a bare HTTP reader of
//   the same activity stream (after the core closed: one connection per app), line arrival − the
//   same timestamp.
// - Polling (Basic tier: no activity stream): X allows 15 DM reads per 15 minutes per handle, so
//   this is minutes of traffic; the sandbox and the core share a ManualClock and time is stepped
//   a second at a time (the polls are real HTTP). Ceiling: a poll exactly every 60 s (X's 15 reads
//   spent whole), for the same DMs.
import { request } from 'node:http';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { startSandbox } from '../../src/sandbox/index';
import { ManualClock, type Clock } from '../../src/shared/clock';
import type { Column, ColumnStatus, DmEventView } from '../../src/shared/domain';
import { collectingLogger, type BenchContext } from '../context';
import { startSandboxProcess } from '../processes';
import { latencyFigures, type Figure } from '../report';
import { round, sleep } from '../stats';

const BRAND = 'AcmeAir';
const POLL_WINDOW_MS = 60_000;

async function dispatch<T>(core: Core, method: string, input: unknown = {}): Promise<T> {
  const answer = await core.dispatch(method, input, SOLO_AGENT);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

async function createDm(url: string, from: string, text: string): Promise<string> {
  const response = await fetch(new URL('/_sandbox/dms', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to: BRAND, text }) });
  if (!response.ok) throw new Error(`the sandbox refused a DM: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A demo core on `url` with one DMs column on the brand; `arrivals` gets (id → clock time) of each announced DM. */
async function openCore(context: BenchContext, url: string, clock: Clock | undefined, warnings: string[]) {
  const arrivals = new Map<string, { at: number; createdAt: string }>();
  const core = createCore({
    dataDir: context.tempDir('deckhand-bench-dms-'),
    secrets: new MemorySecretStore(),
    preferences: new MemoryPreferenceStore(),
    logger: collectingLogger(warnings),
    xApiBase: url,
    demo: { sandboxUrl: url },
    ...(clock ? { clock } : {}),
  });
  core.events.subscribe((event, payload) => {
    if (event !== 'columnDmEvents') return;
    const now = clock ? clock.now() : Date.now();
    for (const dm of (payload as { events: DmEventView[] }).events) if (!arrivals.has(dm.id)) arrivals.set(dm.id, { at: now, createdAt: dm.createdAt });
  });
  await core.start();
  const accounts = await dispatch<{ id: string; username: string }[]>(core, 'listAccounts');
  const accountId = accounts.find((a) => a.username === BRAND)?.id;
  if (!accountId) throw new Error(`the demo has no @${BRAND}`);
  const column = await dispatch<Column>(core, 'createColumn', { kind: 'dms', accountId });
  const status = async () => (await dispatch<ColumnStatus[]>(core, 'listColumnStatuses')).find((s) => s.columnId === column.id);
  return { core, arrivals, status };
}

/** Activity-stream lines as a bare reader gets them: DM id → arrival (ms). */
function readActivityStream(url: string, appToken: string, arrivals: Map<string, number>): { close(): void; ready: Promise<void> } {
  let close = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const req = request(new URL('/2/activity/stream', url), { headers: { authorization: `Bearer ${appToken}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`activity stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let partial = '';
      res.on('data', (chunk: string) => {
        const now = Date.now();
        const lines = (partial + chunk).split('\r\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const id = /"direct_message_events":\[\{"type":"message_create","id":"(\d+)"/.exec(line)?.[1];
          if (id && !arrivals.has(id)) arrivals.set(id, now);
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    close = () => req.destroy();
  });
  return { close: () => close(), ready };
}

async function activitySamples(context: BenchContext, count: number) {
  const sandbox = await startSandboxProcess(['--seed', '41']);
  const url = sandbox.match[1]!;
  const warnings: string[] = [];
  try {
    const { core, arrivals, status } = await openCore(context, url, undefined, warnings);
    const created: string[] = [];
    try {
      await waitFor(async () => (await status())?.state === 'streaming', 15_000, 'the DMs column to stream');
      // Warm-up, as the other figures do: the first messages also compile the statements and schemas on the way.
      const warmUp = [await createDm(url, 'bench_warmup', 'hello'), await createDm(url, 'bench_warmup', 'hello again')];
      await waitFor(() => warmUp.every((id) => arrivals.has(id)), 10_000, 'the warm-up DMs');
      for (let i = 0; i < count; i++) {
        created.push(await createDm(url, `bench_customer${i % 7}`, `Booking ${i}: where is my refund?`));
        await sleep(25);
      }
      await waitFor(() => created.every((id) => arrivals.has(id)), 10_000, 'every DM in the column');
    } catch (error) {
      if (warnings.length > 0) context.log(`the core said: ${warnings.join(' | ')}`);
      throw error;
    } finally {
      await core.close();
    }
    const samples = created.map((id) => arrivals.get(id)!.at - Date.parse(arrivals.get(id)!.createdAt));

    // Ceiling: the same stream, read bare. The core's subscriptions stay.
    const token = ((await (await fetch(new URL('/_sandbox/tokens', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"app":true}' })).json()) as { access_token: string }).access_token;
    const bare = new Map<string, number>();
    await sleep(200); // the core's connection is gone at the sandbox
    const reader = readActivityStream(url, token, bare);
    await reader.ready;
    const createdAt = new Map<string, number>();
    try {
      for (let i = 0; i < count; i++) {
        const before = Date.now();
        const id = await createDm(url, `bench_customer${i % 7}`, `Booking ${i}: still waiting`);
        createdAt.set(id, before);
        await sleep(25);
      }
      await waitFor(() => [...createdAt.keys()].every((id) => bare.has(id)), 10_000, 'every DM at the bare reader');
    } finally {
      reader.close();
    }
    // The bare reader does not parse the payload's timestamp: the time just before the create request stands in (earlier, so the ceiling is not flattered).
    const ceiling = [...createdAt].map(([id, at]) => bare.get(id)! - at);
    return { samples, ceiling };
  } finally {
    await sandbox.stop();
  }
}

/** One simulated second: its polls run, and what they filed is announced before the clock moves on (the ingestor's frame timer is real time). */
async function step(core: Core, clock: ManualClock): Promise<void> {
  clock.advance(1_000);
  await core.settled();
  core.columns.ingestor.flush();
  await new Promise((resolve) => setImmediate(resolve));
}

async function pollingSamples(context: BenchContext, minutes: number) {
  const clock = new ManualClock();
  const sandbox = await startSandbox({ port: 0, seed: 42, rate: 0, tier: 'basic', clock });
  const warnings: string[] = [];
  try {
    const { core, arrivals } = await openCore(context, sandbox.url, clock, warnings);
    const created = new Map<string, number>();
    const firstPollAt = clock.now(); // the column's first poll runs as it is created
    try {
      for (let second = 1; second <= minutes * 60; second++) {
        await step(core, clock);
        // A DM every 7 to 13 s, at uneven moments of the poll cycle.
        if (second % 10 === (second >> 4) % 7) created.set(await createDm(sandbox.url, `bench_customer${second % 7}`, `Order ${second}`), clock.now());
      }
      for (let second = 0; second < 120 && ![...created.keys()].every((id) => arrivals.has(id)); second++) await step(core, clock);
    } finally {
      await core.close();
    }
    const missing = [...created.keys()].filter((id) => !arrivals.has(id));
    if (missing.length > 0) throw new Error(`${missing.length} polled DMs never arrived`);
    const samples = [...created].map(([id, at]) => arrivals.get(id)!.at - at);
    const ceiling = [...created.values()].map((at) => POLL_WINDOW_MS - ((at - firstPollAt) % POLL_WINDOW_MS));
    return { samples, ceiling, dms: created.size };
  } finally {
    await sandbox.close();
  }
}

export async function runDmFreshness(context: BenchContext): Promise<Figure[]> {
  const count = context.options.quick ? 20 : 200;
  const minutes = context.options.quick ? 15 : 60;
  context.log(`dm-freshness: ${count} DMs through the Activity stream, then ${minutes} simulated minutes of polling on Basic`);
  const activity = await activitySamples(context, count);
  const polling = await pollingSamples(context, minutes);
  return [
    ...latencyFigures({
      name: 'dm-freshness.activity',
      label: 'DM freshness, Activity stream',
      samples: activity.samples,
      ceilingSamples: activity.ceiling,
      ceilingNote: 'a bare HTTP reader of the same activity stream: line arrival − the moment before the sandbox was asked for the DM',
      high: 99,
      targetMs: 1_000,
      details: { dms: activity.samples.length, maxMs: round(Math.max(...activity.samples)) },
    }),
    ...latencyFigures({
      name: 'dm-freshness.polling',
      label: 'DM freshness, polling (Basic)',
      samples: polling.samples,
      ceilingSamples: polling.ceiling,
      ceilingNote: "a poll exactly every 60 s (X's 15 DM reads per 15 minutes, all spent), for the same DMs",
      high: 99,
      details: { dms: polling.dms, simulatedMinutes: minutes },
    }),
  ];
}

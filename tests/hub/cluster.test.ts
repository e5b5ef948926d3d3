// Several hub processes on one PostgreSQL: a desktop on one hub is poked when a desktop on another
// commits, exactly one process holds the ingest lease and another takes it over when the leader
// stops, loses its session or is killed with SIGKILL. On SQLite the lease is simply held.
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubMessage } from '../../src/shared/hub-protocol';
import { createHubCluster, PostgresLeaderLease, type HubCluster, type LeaderLease } from '../../src/hub/cluster';
import { openHubStore, type HubStore } from '../../src/hub/db/open';
import { startHub, type RunningHub } from '../../src/hub/server';
import { repoRoot } from '../helpers/processes';
import { silentLogger } from '../helpers/temp';
import { HUB_ENGINES } from './engines';
import { Desktop } from './hub-rig';

const postgresEngine = HUB_ENGINES.find((engine) => engine.name === 'postgres');
const sqliteEngine = HUB_ENGINES.find((engine) => engine.name === 'sqlite');

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
  return Date.now() - started;
}

/** Runs `query` on a connection of its own (the admin's view of the database). */
async function adminQuery<Row extends pg.QueryResultRow>(spec: string, query: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    return (await client.query<Row>(query)).rows;
  } finally {
    await client.end();
  }
}

async function startClusteredHub(spec: string, cluster?: (store: HubStore) => HubCluster): Promise<RunningHub> {
  const store = await openHubStore(spec);
  const hub = await startHub({ db: store.db, host: '127.0.0.1', port: 0, logger: silentLogger, cluster: cluster?.(store) });
  cleanups.push(() => store.close(), () => hub.close());
  return hub;
}

async function claim(hub: RunningHub): Promise<string> {
  const response = await fetch(`${hub.url}/claim`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ setupCode: hub.setupCode, teamName: 'Acme care', displayName: 'Olivia Owner' }) });
  const grant = (await response.json()) as { credential?: string };
  if (response.status !== 201 || !grant.credential) throw new Error(`claim failed: ${JSON.stringify(grant)}`);
  return grant.credential;
}

async function connect(hub: RunningHub, credential: string, clientId: string): Promise<Desktop> {
  const desktop = await Desktop.connect(hub.url, credential, clientId);
  cleanups.push(() => desktop.close());
  return desktop;
}

const isPoke = (space: string) => (message: HubMessage) => message.type === 'poke' && message.space === space;

function trackedLease(spec: string, retryMs: number): { lease: LeaderLease; changes: boolean[] } {
  const lease = new PostgresLeaderLease({ connectionString: spec, retryMs });
  const changes: boolean[] = [];
  lease.onChange((leader) => changes.push(leader));
  cleanups.push(() => lease.stop());
  return { lease, changes };
}

describe.runIf(postgresEngine)('hub replicas on one PostgreSQL', () => {
  const engine = postgresEngine!;

  it('a desktop on hub B is poked, and pulls the entry, when a desktop on hub A commits', async () => {
    const spec = await engine.freshSpec();
    const clusterOf = (store: HubStore) => createHubCluster(spec, store.db, silentLogger, { relistenMs: 300 });
    const hubA = await startClusteredHub(spec, clusterOf);
    const hubB = await startClusteredHub(spec, clusterOf);
    const credential = await claim(hubA);
    const onA = await connect(hubA, credential, 'laptop-on-a');
    const onB = await connect(hubB, credential, 'desktop-on-b');

    const poked = onB.next(isPoke('team'));
    expect(await onA.intent('updateProfile', { displayName: 'Olivia O.', initials: 'OO' })).toMatchObject({ outcome: 'applied' });
    const poke = await poked;
    const log = await onB.pull(0);
    if (log.type !== 'pullResult') throw new Error(JSON.stringify(log));
    expect(log.entries.map((entry) => entry.intent)).toContain('updateProfile');
    expect(poke).toMatchObject({ type: 'poke', space: 'team', version: expect.any(Number) });
    expect(await onB.read('listMembers')).toMatchObject({ ok: true, value: [{ displayName: 'Olivia O.' }] });
  });

  it('after its listening connection drops, a hub pokes every space so its desktops catch up on what it missed', async () => {
    const spec = await engine.freshSpec();
    const clusterOf = (store: HubStore) => createHubCluster(spec, store.db, silentLogger, { relistenMs: 1_500 });
    const hubA = await startClusteredHub(spec, clusterOf);
    const hubB = await startClusteredHub(spec, clusterOf);
    const credential = await claim(hubA);
    const onA = await connect(hubA, credential, 'laptop-on-a');
    const onB = await connect(hubB, credential, 'desktop-on-b');

    const listening = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`;
    await adminQuery(spec, `SELECT pg_terminate_backend(pid) FROM (${listening}) AS listeners`);
    await waitFor(async () => (await adminQuery(spec, listening)).length === 0, 'listening sessions gone');
    // Nobody listens now: this commit's notification reaches no other hub.
    expect(await onA.intent('updateProfile', { displayName: 'Olivia Offline', initials: 'OO' })).toMatchObject({ outcome: 'applied' });
    const missed = onB.received.filter(isPoke('team')).length;
    expect(missed).toBe(0);

    await onB.next(isPoke('team'));
    const log = await onB.pull(0);
    if (log.type !== 'pullResult') throw new Error(JSON.stringify(log));
    expect(log.entries.map((entry) => entry.intent)).toContain('updateProfile');
    await waitFor(async () => (await adminQuery(spec, listening)).length === 2, 'both hubs listening again');
  });

  it('of two leases exactly one leads; stopping the leader hands over within a few retry periods', async () => {
    const spec = await engine.freshSpec();
    const retryMs = 200;
    const first = trackedLease(spec, retryMs);
    const second = trackedLease(spec, retryMs);
    await Promise.all([first.lease.start(), second.lease.start()]);
    await sleep(3 * retryMs);
    expect([first.lease.isLeader, second.lease.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = first.lease.isLeader ? [first, second] : [second, first];
    expect(leader.changes).toEqual([true]);
    expect(standby.changes).toEqual([]);

    await leader.lease.stop();
    expect(leader.changes).toEqual([true, false]);
    const handover = await waitFor(() => standby.lease.isLeader, 'standby leads', 4 * retryMs);
    expect(handover).toBeLessThanOrEqual(3 * retryMs);
    expect(standby.changes).toEqual([true]);
  });

  it('a leader whose session is terminated hears it has lost, and the other lease takes over', async () => {
    const spec = await engine.freshSpec();
    const retryMs = 200;
    const first = trackedLease(spec, retryMs);
    await first.lease.start();
    expect(first.lease.isLeader).toBe(true);
    const second = trackedLease(spec, retryMs);
    await second.lease.start();
    expect(second.lease.isLeader).toBe(false);

    const holders = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(await adminQuery(spec, holders)).toHaveLength(1);
    await adminQuery(spec, `SELECT pg_terminate_backend(pid) FROM (${holders}) AS holder`);
    await waitFor(() => !first.lease.isLeader, 'the terminated leader knows it lost', 4 * retryMs);
    expect(first.changes).toEqual([true, false]);
    await waitFor(() => second.lease.isLeader, 'the standby leads', 4 * retryMs);
    // And the lease that lost reconnects as the standby, not as a second leader.
    await sleep(4 * retryMs);
    expect([first.lease.isLeader, second.lease.isLeader]).toEqual([false, true]);
    expect(await adminQuery(spec, holders)).toHaveLength(1);
  });
});

/** One Node process (no tsx wrapper), so SIGKILL hits the hub itself. */
function spawnHubProcess(spec: string): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--db', spec, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const LEADS = /"message":"ingest leader: this process"/;

describe.runIf(postgresEngine)('hub processes on one PostgreSQL', () => {
  it('kill -9 of the ingest leader: the other process leads within a few seconds', async () => {
    const spec = await postgresEngine!.freshSpec();
    const first = spawnHubProcess(spec);
    await waitFor(() => /^Deckhand hub ready:/m.test(first.output()), 'first hub ready', 20_000);
    const second = spawnHubProcess(spec);
    await waitFor(() => /^Deckhand hub ready:/m.test(second.output()), 'second hub ready', 20_000);
    const [leader, standby] = LEADS.test(first.output()) ? [first, second] : [second, first];
    expect(leader.output()).toMatch(LEADS);
    expect(standby.output()).not.toMatch(LEADS);
    expect(standby.output()).toMatch(/ingest leader: another process; standing by/);

    leader.child.kill('SIGKILL');
    const takeover = await waitFor(() => LEADS.test(standby.output()), 'the standby leads', 5_000);
    expect(takeover).toBeLessThan(5_000);
  }, 60_000);
});

describe.runIf(sqliteEngine)('one hub process on SQLite', () => {
  it('holds the lease from start to stop, and its notifier tells no one and hears nothing', async () => {
    const spec = await sqliteEngine!.freshSpec();
    const store = await openHubStore(spec);
    cleanups.push(() => store.close());
    const cluster = createHubCluster(spec, store.db, silentLogger);
    const changes: boolean[] = [];
    cluster.lease.onChange((leader) => changes.push(leader));
    const heard: string[] = [];
    cluster.notifier.onRemote((space) => heard.push(space));

    const hub = await startHub({ db: store.db, host: '127.0.0.1', port: 0, logger: silentLogger, cluster });
    expect(hub.leader.isLeader).toBe(true);
    const credential = await claim(hub);
    const desktop = await connect(hub, credential, 'solo-desktop');
    const poked = desktop.next(isPoke('team'));
    expect(await desktop.intent('updateProfile', { displayName: 'Olivia Solo', initials: 'OS' })).toMatchObject({ outcome: 'applied' });
    await poked;
    await hub.close();
    expect(changes).toEqual([true, false]);
    expect(heard).toEqual([]);
  });
});

describe.each(HUB_ENGINES)('a hub started alone on $name', (engine) => {
  it('is the ingest leader', async () => {
    const hub = await startClusteredHub(await engine.freshSpec());
    expect(hub.leader.isLeader).toBe(true);
  });
});

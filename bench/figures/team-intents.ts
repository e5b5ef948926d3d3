// Team intents applied per second, on SQLite and on PostgreSQL: `assignPost` of a new post through
// the hub's one gate, applyMutation (src/hub/apply.ts), in this process on a fresh store, one after
// another, as the hub applies pushes: one transaction each taking the write lock, the idempotency
// check, the member's permissions, the handler's checks, the log entry, the space's version.
// Ceiling: the same rows (event, applied mutation, space version bump, assignment) written by
// Kysely on a fresh store of the same engine, one transaction per intent, with no reads and no checks.
import { join } from 'node:path';
import { applyMutation, type ApplyEnvironment } from '../../src/hub/apply';
import { openHubStore } from '../../src/hub/db/open';
import type { HubDb } from '../../src/hub/db/schema';
import { claimHub } from '../../src/hub/membership';
import { Refusal, type HubServices } from '../../src/hub/intent-context';
import { upsertHandle } from '../../src/hub/queries/log';
import { findPostgresBin, startPostgres } from '../../tests/helpers/postgres';
import type { BenchContext } from '../context';
import { BENCH_HANDLE } from '../hub-desktop';
import { figure, type Figure } from '../report';
import { percentile, round } from '../stats';

type Engine = 'sqlite' | 'postgres';

/** Intents before the timed ones, on both stores alike (statement caches, JIT). */
const WARM_UP = 50;
const SETUP_CODE = 'BENCH-SETUP';
const CLIENT_ID = 'bench-desktop';
/** The bench's hub has no X app: assignPost needs none. */
const NO_X_APP: HubServices = {
  beginHandleConnect: () => {
    throw new Refusal('forbidden', 'The bench hub has no X app.');
  },
};

interface Timed {
  intents: number;
  seconds: number;
  cpuSeconds: number;
  /** Milliseconds per intent. */
  each: number[];
}

/** A claimed team with the bench's handle; the Owner (who may assign on every handle) is the actor. */
async function seedTeam(db: HubDb): Promise<string> {
  const now = Date.now();
  const { memberId } = await claimHub(db, SETUP_CODE, { setupCode: SETUP_CODE, teamName: 'Bench care', displayName: 'Bench Owner' }, now);
  await upsertHandle(db, BENCH_HANDLE, memberId, now);
  return memberId;
}

const assignArgs = (index: number, memberId: string) => ({ handleId: BENCH_HANDLE.id, postId: `post-${index}`, assigneeId: memberId });

/** Runs `write(index)` for the warm-up, then times `count` more, one after another. */
async function timeSequential(count: number, write: (index: number) => Promise<void>): Promise<Timed> {
  for (let index = 1; index <= WARM_UP; index++) await write(index);
  const each: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let index = WARM_UP + 1; index <= WARM_UP + count; index++) {
    const start = performance.now();
    await write(index);
    each.push(performance.now() - start);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { intents: count, seconds, cpuSeconds: (used.user + used.system) / 1e6, each };
}

async function measureApply(spec: string, count: number): Promise<Timed> {
  const store = await openHubStore(spec);
  try {
    const memberId = await seedTeam(store.db);
    const env: ApplyEnvironment = { db: store.db, now: Date.now, hubUrl: 'http://127.0.0.1:0', services: NO_X_APP };
    return await timeSequential(count, async (index) => {
      const applied = await applyMutation(env, memberId, CLIENT_ID, { id: index, name: 'assignPost', args: assignArgs(index, memberId) });
      if (applied.result.outcome !== 'applied') throw new Error(`the hub did not apply intent ${index}: ${JSON.stringify(applied.result)}`);
    });
  } finally {
    await store.close();
  }
}

async function measureRawInserts(spec: string, count: number): Promise<Timed> {
  const store = await openHubStore(spec);
  try {
    const memberId = await seedTeam(store.db);
    return await timeSequential(count, async (index) => {
      const at = Date.now();
      const args = assignArgs(index, memberId);
      const assignment = { ...args, version: 1 };
      await store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('events')
          .values({ seq: index, space: args.handleId, audience: 'member', actor_id: memberId, client_id: CLIENT_ID, mutation_id: index, intent: 'assignPost', args: JSON.stringify(args), outcome: 'applied', reason: null, at })
          .execute();
        await trx.insertInto('applied_mutations').values({ member_id: memberId, client_id: CLIENT_ID, mutation_id: index, result: JSON.stringify({ outcome: 'applied', result: assignment }), at }).execute();
        await trx.updateTable('spaces').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', args.handleId).execute();
        await trx.insertInto('assignments').values({ handle_id: args.handleId, post_id: args.postId, assignee_id: memberId, status: 'open', version: 1, updated_at: at }).execute();
      });
    });
  } finally {
    await store.close();
  }
}

async function intentsFigure(context: BenchContext, engine: Engine, freshSpec: () => Promise<string>): Promise<Figure> {
  const count = context.sizes.teamIntents;
  const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  context.log(`team intents (${name}): ${count.toLocaleString('en-US')} assignPost through applyMutation`);
  const applied = await measureApply(await freshSpec(), count);
  context.log(`team intents ceiling (${name}): the same rows by Kysely, no checks`);
  const raw = await measureRawInserts(await freshSpec(), count);
  return figure({
    name: `team.intents-per-s.${engine}`,
    label: `Team intents applied (${name})`,
    value: applied.intents / applied.seconds,
    unit: 'intents/s',
    better: 'higher',
    ceiling: raw.intents / raw.seconds,
    ceilingNote: `the same rows (event, applied mutation, space version bump, assignment) inserted by Kysely on a fresh ${name} store, one transaction per intent, no reads, no checks`,
    details: {
      measured: `assignPost of a new post to the Owner, ${count} in a row after ${WARM_UP} not timed, through applyMutation on a fresh ${name} store (${engine === 'sqlite' ? 'WAL, as the hub opens it' : 'throwaway cluster, fsync off'})`,
      intents: count,
      seconds: round(applied.seconds),
      msPerIntentP50: round(percentile(applied.each, 50), 3),
      msPerIntentP99: round(percentile(applied.each, 99), 3),
      // The bench process does the hub's work here (and the database's too, on SQLite).
      cpuShare: round(applied.cpuSeconds / applied.seconds),
      ceilingSeconds: round(raw.seconds),
      ceilingMsPerIntentP50: round(percentile(raw.each, 50), 3),
    },
  });
}

export async function runTeamIntentsSqlite(context: BenchContext): Promise<Figure[]> {
  const dir = context.tempDir('deckhand-bench-intents-');
  let stores = 0;
  return [await intentsFigure(context, 'sqlite', async () => join(dir, `hub-${++stores}.sqlite`))];
}

/** On a throwaway PostgreSQL cluster; without PostgreSQL installed the figure is reported as not measured (an error under CI). */
export async function runTeamIntentsPostgres(context: BenchContext): Promise<Figure[]> {
  const found = findPostgresBin();
  if ('missing' in found) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI: ${found.missing}`);
    context.notMeasured('team.intents-per-s.postgres', found.missing);
    return [];
  }
  const cluster = await startPostgres(found.bin);
  try {
    return [await intentsFigure(context, 'postgres', () => cluster.createDatabase())];
  } finally {
    await cluster.stop();
  }
}

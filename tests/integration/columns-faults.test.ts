// The fault matrix: a streamed column, synthetic traffic running, and every way X's stream (and
// the recent search that fills its gaps) fails. After each fault the column holds exactly the
// matching posts the sandbox created: none missing, none twice, none announced twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column, ColumnStatus } from '../../src/shared/domain';
import { accountId, columnIds, createColumn, mentions, sandboxPostIds, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually, type SandboxFault } from '../helpers/sandbox';

const STREAM = '/2/tweets/search/stream';
const SEARCH = '/2/tweets/search/recent';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let rig: ColumnsRig;
let column: Column;
let seed = 10;

beforeAll(async () => {
  rig = await startColumnsRig({
    sandbox: { keepAliveMs: 250 },
    // X's rules on a short scale: stalled after 1.5 s of silence, back-offs in tens of ms.
    engine: {
      stallMs: 1_500,
      reconnect: { networkStepMs: 50, networkMaxMs: 500, httpStartMs: 100, httpMaxMs: 1_000, rateLimitStartMs: 300 },
      downtimeFillMs: 300,
    },
  });
  column = await createColumn(rig, { kind: 'search', accountId: await accountId(rig, 'AcmeAir'), query: '@AcmeAir' });
  await eventually(async () => (await status()).state === 'streaming', 5_000, 'the column to stream');
  await rig.admin.traffic({ rate: 25, seed });
  await sleep(500);
}, 30_000);

afterAll(async () => {
  await rig?.close();
});

async function status(): Promise<ColumnStatus> {
  const all = await rig.call<ColumnStatus[]>('listColumnStatuses');
  return all.find((s) => s.columnId === column.id)!;
}

/** Pauses the traffic, waits for the column to match the sandbox exactly, and resumes the traffic. */
async function expectComplete(after: string): Promise<void> {
  await rig.admin.traffic({ rate: 0 });
  const expected = await sandboxPostIds(rig, mentions('AcmeAir'));
  let held: string[] = [];
  await eventually(
    async () => {
      held = await columnIds(rig, column.id);
      return held.length === expected.length && held.every((id, i) => id === expected[i]);
    },
    10_000,
    `the column to hold exactly the ${expected.length} matching posts after ${after}`,
  ).catch((error: Error) => {
    const missing = expected.filter((id) => !held.includes(id));
    const extra = held.filter((id) => !expected.includes(id));
    throw new Error(`${error.message}: ${missing.length} missing, ${extra.length} not matching`);
  });
  const delivered = rig.delivered.get(column.id) ?? [];
  expect(new Set(delivered).size, `no post announced twice after ${after}`).toBe(delivered.length);
  expect(new Set(held).size).toBe(held.length);
  await eventually(async () => (await status()).state === 'streaming', 5_000, `streaming again after ${after}`);
  await rig.admin.traffic({ rate: 25, seed: ++seed });
}

async function fault(...faults: SandboxFault[]): Promise<void> {
  for (const f of faults) await rig.admin.fault(f);
}

describe('a streamed column under faults, with traffic running', () => {
  it('starts complete', async () => {
    await sleep(500);
    await expectComplete('start');
    expect((rig.delivered.get(column.id) ?? []).length).toBeGreaterThan(0);
  });

  it.each<[string, SandboxFault[], number]>([
    ['disconnect', [{ kind: 'disconnect' }], 800],
    ['stall (silence past the stall threshold)', [{ kind: 'stall', seconds: 3 }], 3_500],
    ['http_error on reconnect', [{ kind: 'http_error', path: STREAM, status: 503, count: 2 }, { kind: 'disconnect' }], 1_500],
    ['rate_limit on reconnect', [{ kind: 'rate_limit', path: STREAM, seconds: 1 }, { kind: 'disconnect' }], 1_500],
    ['too_many_connections on reconnect', [{ kind: 'too_many_connections', count: 1 }, { kind: 'disconnect' }], 1_500],
    ['malformed_line', [{ kind: 'malformed_line' }], 800],
    ['duplicate lines', [{ kind: 'duplicate', count: 5 }], 800],
    ['a failing gap fill (http_error on recent search)', [{ kind: 'http_error', path: SEARCH, status: 500, count: 1 }, { kind: 'disconnect' }], 1_500],
    ['a rate-limited gap fill (429 on recent search)', [{ kind: 'rate_limit', path: SEARCH, seconds: 1 }, { kind: 'disconnect' }], 2_500],
  ])('%s', async (name, faults, settleMs) => {
    await fault(...faults);
    await sleep(settleMs);
    await expectComplete(name);
  });

  it('process restart mid-stream: posts made while the app was closed arrive, none twice', async () => {
    await rig.core.close();
    await sleep(700); // traffic keeps coming while the app is closed
    await rig.restart();
    await sleep(500);
    await expectComplete('restart');
  });

  it('reports the recovery states it went through', async () => {
    const requests = await rig.admin.requests();
    const streamAnswers = requests.filter((r) => r.path === STREAM).map((r) => r.status);
    expect(streamAnswers).toEqual(expect.arrayContaining([200, 503, 429]));
  });
});

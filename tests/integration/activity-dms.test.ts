// Real-time DMs through the X Activity API: a DMs column on a handle of an app X offers the
// activity stream gets each message within a second, without polling for it; the stream's fault
// matrix (disconnect, stall, duplicate, unreadable line) loses and doubles no message, the slow
// safety-net poll catching what a reconnection missed; and an app without the stream (Basic) polls
// within X's DM limits, its column saying how fresh it is. The core's scheduler runs on a
// ManualClock, so X's 15 DM reads per 15 minutes pass in an instant; the streams run in real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../src/shared/clock';
import type { Column, ColumnStatus, DmEventView } from '../../src/shared/domain';
import { statusBadge } from '../../src/renderer/src/logic/column-status';
import { accountId, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually, type SandboxFault } from '../helpers/sandbox';

const ACTIVITY = '/2/activity/stream';
const DM_EVENTS = '/2/dm_events';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function columnStatus(rig: ColumnsRig, columnId: string): Promise<ColumnStatus> {
  const all = await rig.call<ColumnStatus[]>('listColumnStatuses');
  return all.find((s) => s.columnId === columnId)!;
}

/** DM event ids of every columnDmEvents event for the column, in arrival order (duplicates kept). */
function announced(rig: ColumnsRig, columnId: string): string[] {
  return rig.events.flatMap(({ name, payload }) => {
    if (name !== 'columnDmEvents') return [];
    const { columnId: id, events } = payload as { columnId: string; events: DmEventView[] };
    return id === columnId ? events.map((e) => e.id) : [];
  });
}

function heldIds(rig: ColumnsRig, columnId: string): string[] {
  const rows = rig.core.db.prepare('SELECT CAST(event_id AS TEXT) AS id FROM column_dm_events WHERE column_id = ? ORDER BY event_id').all(columnId) as { id: string }[];
  return rows.map((r) => r.id);
}

async function sandboxDmIds(rig: ColumnsRig, username: string): Promise<string[]> {
  const response = await fetch(new URL(`/_sandbox/dms?participant=${username}&limit=10000`, rig.sandbox.url));
  const { dms } = (await response.json()) as { dms: { id: string }[] };
  return dms.map((d) => d.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

async function dmReads(rig: ColumnsRig): Promise<number> {
  return (await rig.admin.requests()).filter((r) => r.path === DM_EVENTS).length;
}

describe('a DMs column fed by the X Activity API', () => {
  const clock = new ManualClock();
  let rig: ColumnsRig;
  let column: Column;
  let sent = 0;

  /** Messages both ways between @AcmeAir and customers, one every 40 ms, for `ms`. */
  async function converse(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      sent += 1;
      const customer = `dm_customer${sent % 5}`;
      if (sent % 3 === 0) await rig.admin.createDm({ from: 'AcmeAir', to: customer, text: `Sorry about that, looking into it (${sent})` });
      else await rig.admin.createDm({ from: customer, to: 'AcmeAir', text: `Where is my bag? Ref ${sent}` });
      await sleep(40);
    }
  }

  /** After catching up (one poll's worth of X's budget), the column holds every message exactly once. */
  async function expectComplete(after: string): Promise<void> {
    await eventually(async () => (await columnStatus(rig, column.id)).state === 'streaming', 10_000, `streaming again after ${after}`);
    clock.advance(75_000); // X's DM budget allows one more read
    await rig.core.settled();
    const expected = await sandboxDmIds(rig, 'AcmeAir');
    await eventually(() => heldIds(rig, column.id).join() === expected.join(), 10_000, `all ${expected.length} messages after ${after}`).catch((error: Error) => {
      const held = heldIds(rig, column.id);
      throw new Error(`${error.message}: ${expected.filter((id) => !held.includes(id)).length} missing, ${held.length} held`);
    });
    await eventually(() => announced(rig, column.id).length >= expected.length, 2_000, `every message announced after ${after}`);
    await sleep(100);
    const ids = announced(rig, column.id);
    expect(new Set(ids).size, `no message announced twice after ${after}`).toBe(ids.length);
    expect(ids.length).toBe(expected.length);
  }

  beforeAll(async () => {
    rig = await startColumnsRig({
      clock,
      // The sandbox keeps real time (keep-alives every 250 ms); the core's budgets follow `clock`.
      sandbox: { clock: systemClock, keepAliveMs: 250 },
      engine: { stallMs: 1_500, reconnect: { networkStepMs: 50, networkMaxMs: 500, httpStartMs: 100, httpMaxMs: 1_000, rateLimitStartMs: 300 } },
    });
    column = await createColumn(rig, { kind: 'dms', accountId: await accountId(rig, 'AcmeAir') });
    await eventually(async () => (await columnStatus(rig, column.id)).state === 'streaming', 10_000, 'the DMs column to stream');
  }, 30_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('subscribes the handle to its DMs and mentions, once', async () => {
    const state = (await (await fetch(new URL('/_sandbox/state', rig.sandbox.url))).json()) as { activity_subscriptions: number; open_activity_streams: number };
    expect(state).toMatchObject({ activity_subscriptions: 3, open_activity_streams: 1 });
    const status = await columnStatus(rig, column.id);
    expect(statusBadge(status, 'dms').detail).toMatch(/Activity API/);
  });

  it('shows a message within a second, without polling for it', async () => {
    const readsBefore = await dmReads(rig);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const { id } = await rig.admin.createDm({ from: `fast_customer${i}`, to: 'AcmeAir', text: `Is my flight on time? (${i})` });
      await eventually(() => announced(rig, column.id).includes(id), 1_000, `message ${i} in the column within 1 s`);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    const sentByBrand = await rig.admin.createDm({ from: 'AcmeAir', to: 'fast_customer0', text: 'It is on time.' });
    await eventually(() => announced(rig, column.id).includes(sentByBrand.id), 1_000, 'the brand’s own message (dm.sent) within 1 s');
    expect(await dmReads(rig)).toBe(readsBefore);
  });

  it.each<[string, SandboxFault[], number]>([
    ['disconnect', [{ kind: 'disconnect', path: ACTIVITY }], 600],
    ['disconnect, then X answers 503 twice', [{ kind: 'http_error', path: ACTIVITY, status: 503, count: 2 }, { kind: 'disconnect', path: ACTIVITY }], 1_000],
    ['stall (silence past the stall threshold)', [{ kind: 'stall', path: ACTIVITY, seconds: 3 }], 2_500],
    ['duplicate lines', [{ kind: 'duplicate', path: ACTIVITY, count: 5 }], 600],
    ['malformed_line', [{ kind: 'malformed_line', path: ACTIVITY }], 600],
  ])('%s: no message lost, none twice', async (name, faults, conversingMs) => {
    const conversation = converse(conversingMs);
    await sleep(100);
    for (const fault of faults) await rig.admin.fault(fault);
    await conversation;
    await expectComplete(name);
  });

  it('stayed within X’s DM limit: no 429, at most one read per catch-up', async () => {
    const requests = await rig.admin.requests();
    expect(requests.filter((r) => r.path === DM_EVENTS && r.status === 429)).toEqual([]);
    expect(requests.filter((r) => r.path === DM_EVENTS).length).toBeLessThanOrEqual(9);
    expect(requests.filter((r) => r.path === ACTIVITY && r.status === 200).length).toBeGreaterThanOrEqual(3); // reconnected after disconnect and stall
  });
});

describe('a DMs column on an app without the activity stream (Basic)', () => {
  const clock = new ManualClock();
  let rig: ColumnsRig;
  let column: Column;

  beforeAll(async () => {
    rig = await startColumnsRig({ clock, sandbox: { tier: 'basic' } });
    column = await createColumn(rig, { kind: 'dms', accountId: await accountId(rig, 'AcmeAir') });
    await eventually(async () => (await columnStatus(rig, column.id)).checkedAt !== undefined, 10_000, 'the first DM poll');
  }, 30_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('polls, and says how fresh the column is in X’s terms', async () => {
    const status = await columnStatus(rig, column.id);
    expect(status.state).toBe('polling');
    const checkedAt = Date.parse(status.checkedAt!);
    expect(checkedAt).toBe(clock.now());
    expect(statusBadge(status, 'dms', checkedAt + 40_000)).toEqual({ label: 'Checked 40 s ago', tone: 'live', detail: 'Checked 40 s ago; X allows 15 DM reads per 15 minutes' });
    const requests = await rig.admin.requests();
    expect(requests.filter((r) => r.path === ACTIVITY).map((r) => r.status)).toEqual([403]); // asked once, not again
    const state = (await (await fetch(new URL('/_sandbox/state', rig.sandbox.url))).json()) as { activity_subscriptions: number };
    expect(state.activity_subscriptions).toBe(0);
  });

  it('a new message arrives with the next poll X’s budget allows, and the freshness moves on', async () => {
    const { id } = await rig.admin.createDm({ from: 'slow_customer', to: 'AcmeAir', text: 'Hello?' });
    const before = (await columnStatus(rig, column.id)).checkedAt;
    clock.advance(30_000);
    await rig.core.settled();
    await sleep(200);
    expect(announced(rig, column.id)).not.toContain(id); // too soon for X's 15 reads per 15 minutes
    clock.advance(45_000);
    await rig.core.settled();
    await eventually(() => announced(rig, column.id).includes(id), 5_000, 'the message after the next poll');
    const after = await columnStatus(rig, column.id);
    expect(Date.parse(after.checkedAt!)).toBeGreaterThan(Date.parse(before!));
  });
});

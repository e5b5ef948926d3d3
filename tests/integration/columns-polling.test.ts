// Fifteen simulated minutes of polling on an X app without the filtered stream: ten columns over
// two handles share X's per-user budgets through the scheduler. The sandbox and the core run on
// one ManualClock. Afterwards: not one 429 in the sandbox's request log, every column complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import type { Column, ColumnStatus } from '../../src/shared/domain';
import { accountId, columnIds, createColumn, mentions, sandboxPostIds, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';

const MINUTE = 60_000;
const word = (term: string) => {
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${term}(?![\\p{L}\\p{M}\\p{N}_])`, 'iu');
  return (text: string) => pattern.test(text);
};

interface Case {
  title: string;
  input: (handles: Record<'acme' | 'nimbus', string>) => Record<string, unknown>;
  matches: (text: string, author: string) => boolean;
  /** DMs columns: complete means every message the handle sent or received. */
  dmsOf?: string;
}

const CASES: Case[] = [
  { title: 'AcmeAir: search refund', input: (h) => ({ kind: 'search', accountId: h.acme, query: 'refund' }), matches: word('refund') },
  { title: 'AcmeAir: search #lostbag', input: (h) => ({ kind: 'search', accountId: h.acme, query: '#lostbag' }), matches: word('#lostbag') },
  { title: 'AcmeAir: mentions', input: (h) => ({ kind: 'mentions', accountId: h.acme }), matches: mentions('AcmeAir') },
  { title: 'AcmeAir: user @frequent_flyer', input: (h) => ({ kind: 'user', accountId: h.acme, username: 'frequent_flyer' }), matches: (_t, a) => a === 'frequent_flyer' },
  { title: 'NimbusMobile: search NimbusMobile', input: (h) => ({ kind: 'search', accountId: h.nimbus, query: 'NimbusMobile' }), matches: word('NimbusMobile') },
  { title: 'AcmeAir: direct messages', input: (h) => ({ kind: 'dms', accountId: h.acme }), matches: () => false, dmsOf: 'AcmeAir' },
  { title: 'NimbusMobile: mentions', input: (h) => ({ kind: 'mentions', accountId: h.nimbus }), matches: mentions('NimbusMobile') },
  { title: 'NimbusMobile: user @gadget_guru', input: (h) => ({ kind: 'user', accountId: h.nimbus, username: 'gadget_guru' }), matches: (_t, a) => a === 'gadget_guru' },
  { title: 'NimbusMobile: direct messages', input: (h) => ({ kind: 'dms', accountId: h.nimbus }), matches: () => false, dmsOf: 'NimbusMobile' },
];

let rig: ColumnsRig;

async function sendDm(from: string, to: string, text: string): Promise<void> {
  const response = await fetch(new URL('/_sandbox/dms', rig.sandbox.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to, text }) });
  if (!response.ok) throw new Error(`sandbox refused a DM: ${response.status}`);
}

/** Every message the handle sent or received, newest first. */
async function sandboxDmIds(username: string): Promise<string[]> {
  const response = await fetch(new URL(`/_sandbox/dms?participant=${username}&limit=10000`, rig.sandbox.url));
  const { dms } = (await response.json()) as { dms: { id: string }[] };
  return dms.map((d) => d.id).sort((a, b) => (a.length !== b.length ? b.length - a.length : a < b ? 1 : -1));
}
const clock = new ManualClock();
const columns: { column: Column; matches: Case['matches']; dmsOf?: string }[] = [];

/** Moves the shared clock in one-second steps, letting every poll the step starts finish. */
async function advance(ms: number, each?: (second: number) => Promise<void>): Promise<void> {
  for (let second = 1; second <= ms / 1000; second++) {
    clock.advance(1000);
    await rig.core.settled();
    await each?.(second);
  }
}

beforeAll(async () => {
  rig = await startColumnsRig({ clock, sandbox: { stream: false, seed: 3 } });
  const handles = { acme: await accountId(rig, 'AcmeAir'), nimbus: await accountId(rig, 'NimbusMobile') };
  for (const username of ['frequent_flyer', 'gadget_guru']) await rig.admin.createUser({ username });
  const deck = await rig.call<Column[]>('listColumns'); // the demo's own "Search: AcmeAir" column is the tenth
  columns.push({ column: deck[0]!, matches: word('AcmeAir') });
  for (const item of CASES) columns.push({ column: await createColumn(rig, item.input(handles)), matches: item.matches, ...(item.dmsOf ? { dmsOf: item.dmsOf } : {}) });
  await rig.admin.traffic({ rate: 2, seed: 5 });
  await advance(15 * MINUTE, async (second) => {
    if (second % 20 === 0) await rig.admin.createPost({ author: 'frequent_flyer', text: `Boarding pass scan failed again, minute ${second / 60}` });
    if (second % 45 === 0) await rig.admin.createPost({ author: 'gadget_guru', text: `Signal check ${second}: still no 5G @NimbusMobile` });
    if (second % 25 === 0) await sendDm(`customer${second % 4}`, second % 50 === 0 ? 'AcmeAir' : 'NimbusMobile', `Order question ${second}`);
    if (second % 100 === 0) await sendDm('AcmeAir', `customer${second % 4}`, `Reply ${second}`);
  });
  await rig.admin.traffic({ rate: 0 });
  await advance(MINUTE); // one more round for every column
}, 240_000);

afterAll(async () => {
  await rig?.close();
});

describe('fifteen minutes of polling, ten columns over two handles, one shared clock', () => {
  it('has ten columns, all polling (no stream on this tier)', async () => {
    expect(columns).toHaveLength(10);
    const statuses = await rig.call<ColumnStatus[]>('listColumnStatuses');
    expect(statuses.map((s) => s.state)).toEqual(Array(10).fill('polling'));
  });

  it('never ran into a 429', async () => {
    const requests = await rig.admin.requests();
    const polls = requests.filter((r) => r.path.startsWith('/2/') && r.method === 'GET');
    expect(polls.length).toBeGreaterThan(500);
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it.each(CASES.map((c, i) => [c.title, i + 1] as const).concat([['AcmeAir: the demo search AcmeAir', 0]]))('%s is complete', async (_title, index) => {
    const { column, matches, dmsOf } = columns[index]!;
    if (dmsOf) {
      const expected = await sandboxDmIds(dmsOf);
      expect(expected.length).toBeGreaterThan(5);
      const held = rig.core.db.prepare('SELECT CAST(event_id AS TEXT) AS id FROM column_dm_events WHERE column_id = ? ORDER BY event_id DESC').all(column.id) as { id: string }[];
      expect(held.map((r) => r.id)).toEqual(expected);
      return;
    }
    const expected = await sandboxPostIds(rig, matches);
    expect(expected.length).toBeGreaterThan(5);
    expect(await columnIds(rig, column.id)).toEqual(expected);
    const delivered = rig.delivered.get(column.id) ?? [];
    expect(new Set(delivered).size).toBe(delivered.length);
  });
});

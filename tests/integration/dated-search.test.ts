// A search column with From / To dates against the sandbox over real HTTP and a real SQLite file:
// its polls ask X's recent search for the dates as start_time / end_time, it holds exactly the
// posts made inside them, its dates survive a restart, and dates beyond X's 7 days are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column, ColumnStatus } from '../../src/shared/domain';
import { accountId, columnIds, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEARCH = '/2/tweets/search/recent';

let rig: ColumnsRig;
let acme: string;
/** Whole hours, so X's whole-second start_time / end_time are the range itself. */
const start = Math.floor((Date.now() - 4 * DAY) / HOUR) * HOUR;
const end = start + 2 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const posted: Record<string, string> = {};

const statusOf = async (columnId: string) => (await rig.call<ColumnStatus[]>('listColumnStatuses')).find((s) => s.columnId === columnId);
const searchesFor = async (query: string) => (await rig.admin.requests()).filter((r) => r.path === SEARCH && r.query.query === query);

beforeAll(async () => {
  rig = await startColumnsRig();
  acme = await accountId(rig, 'AcmeAir');
  const at = {
    longBefore: start - DAY,
    justBefore: start - 1000,
    atStart: start,
    inside: start + DAY,
    justBeforeEnd: end - 1000,
    atEnd: end,
    after: end + HOUR,
  };
  for (const [name, ms] of Object.entries(at)) {
    posted[name] = (await rig.admin.createPost({ author: 'sam', text: `datedcheck ${name}`, created_at: iso(ms) })).id;
  }
  posted.now = (await rig.admin.createPost({ author: 'sam', text: 'datedcheck posted now' })).id;
}, 30_000);

afterAll(async () => {
  await rig?.close();
});

describe('a search column with From / To dates', () => {
  it('asks X for exactly its dates and holds only the posts made inside them, then stops polling', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'datedcheck', range: { start: iso(start), end: iso(end) } });
    expect(column).toMatchObject({ kind: 'search', query: 'datedcheck', range: { start: iso(start), end: iso(end) } });
    // The dates have passed: one run fetches what X has for them, and the column says it is complete.
    const status = await eventually(async () => {
      const s = await statusOf(column.id);
      return s?.state === 'local' ? s : undefined;
    }, 10_000, 'the dated column to be complete');
    expect(status?.message).toMatch(/dates have passed/);
    expect(await columnIds(rig, column.id)).toEqual([posted.justBeforeEnd, posted.inside, posted.atStart]);

    const searches = await searchesFor('datedcheck');
    expect(searches.length).toBeGreaterThan(0);
    for (const request of searches) {
      expect(request.status).toBe(200);
      expect(request.query).toMatchObject({ start_time: iso(start).replace('.000Z', 'Z'), end_time: iso(end).replace('.000Z', 'Z') });
    }
    // Complete means no more requests.
    const count = searches.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await searchesFor('datedcheck')).length).toBe(count);
  });

  it('with only a From date, follows X from that day on and keeps getting new posts', async () => {
    const from = start + DAY;
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'datedcheck -ongoing', range: { start: iso(from), end: null } });
    const expected = [posted.now, posted.after, posted.atEnd, posted.justBeforeEnd, posted.inside];
    await eventually(async () => ((await columnIds(rig, column.id)).length >= expected.length ? true : undefined), 10_000, 'the posts since the From date');
    expect(await columnIds(rig, column.id)).toEqual(expected);
    const fresh = await rig.admin.createPost({ author: 'sam', text: 'datedcheck arrived later' });
    await eventually(async () => ((await columnIds(rig, column.id))[0] === fresh.id ? true : undefined), 10_000, 'the new post');
    expect((await statusOf(column.id))?.state).toBe('polling');
    const searches = await searchesFor('datedcheck -ongoing');
    expect(searches.every((r) => r.query.start_time === iso(from).replace('.000Z', 'Z') && r.query.end_time === undefined)).toBe(true);
  });

  it('keeps its dates across a restart, and new dates start the column over', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'datedcheck', range: { start: iso(start), end: iso(end) } });
    await eventually(async () => ((await columnIds(rig, column.id)).length === 3 ? true : undefined), 10_000, 'the dated posts');
    await rig.restart();
    const after = (await rig.call<Column[]>('listColumns')).find((c) => c.id === column.id);
    expect(after).toMatchObject({ range: { start: iso(start), end: iso(end) } });
    const narrower = { start: iso(start + DAY), end: iso(end) };
    const updated = await rig.call<Column>('updateColumn', { columnId: column.id, range: narrower });
    expect(updated).toMatchObject({ range: narrower });
    await eventually(async () => ((await columnIds(rig, column.id)).join() === [posted.justBeforeEnd, posted.inside].join() ? true : undefined), 10_000, 'the narrower dates');
    // null makes it a live search again.
    const live = await rig.call<Column>('updateColumn', { columnId: column.id, range: null });
    expect(live).not.toHaveProperty('range');
  });

  it('a live column is given dates later, and a second live column follows the same words (X already has the rule)', async () => {
    const live = await createColumn(rig, { kind: 'search', accountId: acme, query: 'datedcheck -later' });
    await eventually(async () => ((await statusOf(live.id))?.state === 'streaming' ? true : undefined), 10_000, 'the live column on the stream');
    const twin = await createColumn(rig, { kind: 'search', accountId: acme, query: 'datedcheck -later' });
    expect(twin).toMatchObject({ query: 'datedcheck -later' });
    const dated = await rig.call<Column>('updateColumn', { columnId: live.id, range: { start: iso(start), end: iso(end) } });
    expect(dated).toMatchObject({ range: { start: iso(start), end: iso(end) } });
    await eventually(async () => ((await columnIds(rig, live.id)).join() === [posted.justBeforeEnd, posted.inside, posted.atStart].join() ? true : undefined), 10_000, 'the dated posts');
  });

  it('refuses dates X’s recent search cannot reach', async () => {
    const old = { start: iso(Date.now() - 20 * DAY), end: iso(Date.now() - 15 * DAY) };
    const refused = await rig.core.dispatch('createColumn', { kind: 'search', accountId: acme, query: 'datedcheck', range: old }, SOLO_AGENT);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('X searches only the last 7 days') } });
  });
});

// A dated search on a team handle, with a real X API sandbox, a real hub and two desktops' cores:
// the Owner adds a search column with From / To dates for the team; the hub (the team's one
// ingest point) asks X's recent search for exactly those dates, both desktops hold exactly the
// posts made inside them and show the dates, the column says its dates have passed (also when they
// end while it is open), and dates X's recent search cannot reach are refused with the reason.
import { describe, expect, it } from 'vitest';
import type { ColumnStatus } from '../../src/shared/domain';
import { RECENT_SEARCH_HINT } from '../../src/shared/query-builder';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import type { TestDesktop } from '../helpers/team-desktop';
import { ownerAndAgent, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team dated search tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEARCH = '/2/tweets/search/recent';
const iso = (ms: number) => new Date(ms).toISOString();
/** X's start_time / end_time are whole seconds without a fraction. */
const xTime = (ms: number) => iso(ms).replace('.000Z', 'Z');

describe.skipIf(!keyring)('a dated search column on a team handle', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });
  const postIds = async (d: TestDesktop, columnId: string) => (await d.ok('listColumnPosts', { columnId, limit: 500 })).map((post) => post.id);
  const statusOf = async (d: TestDesktop, columnId: string): Promise<ColumnStatus | undefined> => (await d.ok('listColumnStatuses', {})).find((s) => s.columnId === columnId);

  it('is fed by the hub with exactly its dates, at both desktops, and refuses dates X cannot reach', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);
    const admin = sandboxAdmin(rig.sandbox.url);
    const start = Math.floor((Date.now() - 4 * DAY) / HOUR) * HOUR;
    const end = start + 2 * DAY;
    const posted: Record<string, string> = {};
    const at = { justBefore: start - 1000, atStart: start, inside: start + DAY, justBeforeEnd: end - 1000, atEnd: end, now: Date.now() };
    for (const [name, ms] of Object.entries(at)) posted[name] = (await admin.createPost({ author: 'casey_customer', text: `teamdated ${name}`, created_at: iso(ms) })).id;

    const range = { start: iso(start), end: iso(end) };
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamdated', range, forTeam: true });
    expect(column).toMatchObject({ fromTeam: true, kind: 'search', query: 'teamdated', range });
    const inside = [posted.justBeforeEnd, posted.inside, posted.atStart];
    for (const desktop of [a, b]) {
      await eventually(async () => ((await postIds(desktop, column.id)).length >= inside.length ? true : undefined), 10_000, 'the dated posts to reach a desktop');
      expect(await postIds(desktop, column.id)).toEqual(inside);
      // Bob's desktop knows the column's dates (its header shows them) and that nothing new comes.
      expect((await desktop.ok('listColumns', {})).find((c) => c.id === column.id)).toMatchObject({ range });
      expect(await statusOf(desktop, column.id)).toMatchObject({ state: 'local', message: expect.stringContaining('These dates have passed') });
    }

    // Only the hub asked X, and always for exactly the dates.
    const searches = (await admin.requests()).filter((request) => request.path === SEARCH && request.query.query === 'teamdated');
    expect(searches.length).toBeGreaterThan(0);
    for (const request of searches) expect(request.query).toMatchObject({ start_time: xTime(start), end_time: xTime(end) });
    // The dates have passed: one run got their posts, and the hub asks no more.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await admin.requests()).filter((request) => request.path === SEARCH && request.query.query === 'teamdated')).toHaveLength(searches.length);

    // A member's own dated column works the same way; dates beyond X's 7 days are refused with why.
    const mine = await b.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamdated', range: { start: iso(start + DAY), end: null }, forTeam: false });
    await eventually(async () => ((await postIds(b, mine.id)).length >= 4 ? true : undefined), 10_000, 'the posts since the From date');
    expect(await postIds(b, mine.id)).toEqual([posted.now, posted.atEnd, posted.justBeforeEnd, posted.inside]);
    expect((await a.ok('listColumns', {})).some((c) => c.id === mine.id)).toBe(false);
    // Dates that end in a few seconds: live from the hub until then, and then the header says they have passed.
    const ending = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamdated', range: { start: iso(start), end: iso(Date.now() + 4_000) }, forTeam: true });
    expect(await statusOf(a, ending.id)).toMatchObject({ state: 'streaming', message: "Live from the team's hub" });
    await eventually(async () => ((await statusOf(b, ending.id))?.state === 'local' ? true : undefined), 10_000, 'the dates to end at Bob’s desktop');
    expect(await statusOf(b, ending.id)).toMatchObject({ message: expect.stringContaining('These dates have passed') });

    const old = { start: iso(Date.now() - 20 * DAY), end: iso(Date.now() - 15 * DAY) };
    expect(await a.call('createColumn', { kind: 'search', accountId: acme.id, query: 'teamdated', range: old, forTeam: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining(RECENT_SEARCH_HINT) },
    });
  });
});

// A dated search as a team column, at the hub over the real protocol: the hub keeps its From / To
// dates and gives them to every member's desktop, and it checks the dates on its own clock (the
// one that asks X for them), refusing dates X's recent search no longer reaches or that have not
// begun, whatever a desktop let through.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry, TeamColumnView } from '../../src/shared/hub-protocol';
import { RECENT_SEARCH_HINT } from '../../src/shared/query-builder';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Rig } from './hub-rig';

const HANDLE = 'acmeair';
const DAY = 86_400_000;

describe.each(HUB_ENGINES)('a dated team search column on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('keeps its dates for every member and refuses dates outside X’s 7 days on the hub’s clock', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, members } = await teamWith(rig, HANDLE, [{ name: 'Ann Agent', handleRole: 'agent' }]);
    const ann = members[0];
    if (!ann) throw new Error('team');
    const iso = (ms: number) => new Date(ms).toISOString();
    const range = { start: iso(rig.clock.now - 3 * DAY), end: iso(rig.clock.now - DAY) };

    const added = await owner.intent('addTeamColumn', { handleId: HANDLE, columnId: 'dated-column-1', source: { kind: 'search', query: 'lost bag', range } });
    if (added.outcome !== 'applied') throw new Error(JSON.stringify(added));
    expect(added).toMatchObject({ outcome: 'applied', result: { id: 'dated-column-1', title: 'Search: lost bag', source: { kind: 'search', query: 'lost bag', range } } });

    // The Agent's desktop learns the column with its dates.
    const pulled = await ann.desktop.pull(0);
    if (pulled.type !== 'pullResult') throw new Error(`pull answered ${pulled.type}`);
    const entry = pulled.entries.find((candidate: LogEntry) => candidate.intent === 'addTeamColumn');
    expect((entry?.args as { source?: TeamColumnView['source'] } | undefined)?.source).toEqual({ kind: 'search', query: 'lost bag', range });

    // Ten days back is beyond X's reach on the hub's clock; a From date tomorrow has nothing yet; an end before the start is no range.
    const tooOld = { start: iso(rig.clock.now - 10 * DAY), end: null };
    expect(await owner.intent('addTeamColumn', { handleId: HANDLE, columnId: 'dated-column-2', source: { kind: 'search', query: 'lost bag', range: tooOld } })).toMatchObject({
      outcome: 'refused',
      code: 'invalid_input',
      reason: `${RECENT_SEARCH_HINT}: the From date must be within them`,
    });
    const future = { start: iso(rig.clock.now + DAY), end: null };
    expect(await owner.intent('addTeamColumn', { handleId: HANDLE, columnId: 'dated-column-3', source: { kind: 'search', query: 'lost bag', range: future } })).toMatchObject({ outcome: 'refused', code: 'invalid_input' });
    const backwards = { start: range.end, end: range.start };
    expect(await owner.intent('addTeamColumn', { handleId: HANDLE, columnId: 'dated-column-4', source: { kind: 'search', query: 'lost bag', range: backwards } })).toMatchObject({ outcome: 'refused', code: 'invalid_input' });
    // An Agent may not add a team column at all, dated or not.
    expect(await ann.desktop.intent('addTeamColumn', { handleId: HANDLE, columnId: 'dated-column-5', source: { kind: 'search', query: 'lost bag', range } })).toMatchObject({ outcome: 'refused', code: 'forbidden' });
  });
});

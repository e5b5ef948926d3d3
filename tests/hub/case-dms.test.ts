// A DM case given to someone who may not see the handle's queue (a Trainee): the hub keeps the
// direct messages it ingests and sends that member the case's messages (in the case's log entry
// and in their snapshot) and nothing else of the handle's DMs; a colleague without the queue who
// is not the assignee receives none. The case's timeline reads them after the log's retention.
import { afterEach, describe, expect, it } from 'vitest';
import type { DmEventView } from '../../src/shared/domain';
import type { HubMessage, LogEntry } from '../../src/shared/hub-protocol';
import { insertTeamColumn, pruneIngested } from '../../src/hub/queries/team-columns';
import { pruneDmEvents } from '../../src/hub/queries/dm-events';
import type { TeamFeed } from '../../src/hub/ingest/team-feed';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Desktop, type Rig } from './hub-rig';

const DAY = 86_400_000;

const dm = (id: string, senderId: string, text: string, createdAt: string): DmEventView => ({
  id,
  conversationId: `${senderId}-acmeair`,
  senderId,
  participantIds: [senderId, 'acmeair'],
  text,
  createdAt,
  entities: { urls: [], mentions: [], hashtags: [], cashtags: [] },
  media: [],
  sender: { id: senderId, username: `customer_${senderId}`, name: 'Customer', avatarUrl: null, verified: false, followersCount: 10 },
});

async function entriesOf(desktop: Desktop, cursor = 0): Promise<LogEntry[]> {
  const answer = await desktop.pull(cursor);
  if (answer.type !== 'pullResult') throw new Error(JSON.stringify(answer));
  return answer.entries;
}

async function snapshotOf(desktop: Desktop) {
  const answer = desktop.next((message): message is Extract<HubMessage, { type: 'snapshot' }> => message.type === 'snapshot');
  desktop.sendRaw(JSON.stringify({ type: 'pull', cursor: 0, snapshot: true }));
  return (await answer).snapshot;
}

/** The texts of every DM an answer carries, wherever in it. */
function dmTexts(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ('conversationId' in node && 'text' in node && typeof node.text === 'string') found.push(node.text);
      Object.values(node).forEach(walk);
    }
  };
  walk(value);
  return found;
}

describe.each(HUB_ENGINES)('DM cases for members outside the queue on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  async function setUp() {
    rig = await startRig(await engine.freshStore());
    const team = await teamWith(rig, 'acmeair', [
      { name: 'Ana Agent', handleRole: 'agent' },
      { name: 'Tom Trainee', handleRole: 'trainee' },
      { name: 'Tia Trainee', handleRole: 'trainee' },
    ]);
    const [ana, tom, tia] = team.members;
    if (!ana || !tom || !tia) throw new Error('members');
    await insertTeamColumn(rig.store.db, { id: 'col-dm', handleId: 'acmeair', title: 'DMs', source: { kind: 'dms' }, ownerId: null }, team.ownerGrant.memberId, rig.clock.now);
    const feed: TeamFeed | null = rig.hub.feed;
    if (!feed) throw new Error('the rig hub has a feed');
    // Customer 7 writes twice (one case), customer 9 once (another), the brand answers 7 once.
    const at = new Date(rig.clock.now).toISOString();
    await feed.logIngestedDms('col-dm', [dm('5101', '7', 'My booking is AB1234', at), dm('5102', 'acmeair', 'Thanks, checking', at), dm('5103', '9', 'Refund please, card 4242', at)]);
    rig.clock.now += 60_000;
    await feed.logIngestedDms('col-dm', [dm('5104', '7', 'Flight was yesterday', new Date(rig.clock.now).toISOString())]);
    return { ...team, ana, tom, tia, feed };
  }

  it('a Trainee given a DM case receives exactly its messages, in the entry and in a snapshot; a colleague without the queue receives none', async () => {
    const { ana, tom, tia } = await setUp();
    expect(dmTexts(await entriesOf(tom.desktop))).toEqual([]);

    expect(await ana.desktop.intent('assignPost', { handleId: 'acmeair', postId: '5104', assigneeId: tom.memberId })).toMatchObject({ outcome: 'applied', result: { postId: '5101', assigneeId: tom.memberId } });
    const given = await entriesOf(tom.desktop);
    const changed = given.filter((entry) => entry.intent === 'caseChanged');
    expect(changed.map((entry) => entry.args)).toMatchObject([{ case: { postId: '5101', assigneeId: tom.memberId }, dms: [{ id: '5101', text: 'My booking is AB1234' }, { id: '5104', text: 'Flight was yesterday' }] }]);
    // Nothing else of the handle's DMs: not the other customer's, not the brand's own.
    expect(dmTexts(given)).toEqual(['My booking is AB1234', 'Flight was yesterday']);
    expect(JSON.stringify(given)).not.toContain('4242');
    const fresh = await snapshotOf(tom.desktop);
    expect(fresh.assignments.map((item) => item.postId)).toEqual(['5101']);
    expect(fresh.caseDms).toMatchObject([{ handleId: 'acmeair', events: [{ id: '5101', text: 'My booking is AB1234' }, { id: '5104', text: 'Flight was yesterday' }] }]);
    expect(dmTexts(fresh)).toEqual(['My booking is AB1234', 'Flight was yesterday']);

    // Tia, also without the queue, is not the assignee: no DM reaches her, live or in a snapshot.
    expect(dmTexts(await entriesOf(tia.desktop))).toEqual([]);
    const tias = await snapshotOf(tia.desktop);
    expect(tias.caseDms).toEqual([]);
    expect(dmTexts(tias)).toEqual([]);
    // Ana sees the queue: she has every DM from the log, and her snapshot brings no case DMs of its own.
    expect(dmTexts(await entriesOf(ana.desktop))).toEqual(expect.arrayContaining(['Refund please, card 4242', 'Thanks, checking']));
    expect((await snapshotOf(ana.desktop)).caseDms).toEqual([]);
  });

  it('the customer writing again reaches the Trainee who has the case; its timeline keeps the DMs after the log’s retention', async () => {
    const { ana, tom, feed } = await setUp();
    await ana.desktop.intent('assignPost', { handleId: 'acmeair', postId: '5101', assigneeId: tom.memberId });
    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '5101', status: 'pending' })).toMatchObject({ outcome: 'applied' });
    const cursor = (await entriesOf(tom.desktop)).at(-1)?.seq ?? 0;
    rig.clock.now += 60_000;
    await feed.logIngestedDms('col-dm', [dm('5105', '7', 'Still waiting', new Date(rig.clock.now).toISOString()), dm('5106', '9', 'Card 4242 again', new Date(rig.clock.now).toISOString())]);
    const later = await entriesOf(tom.desktop, cursor);
    expect(later.filter((entry) => entry.intent === 'caseChanged').map((entry) => entry.args)).toMatchObject([{ case: { postId: '5101', status: 'open' }, reopenedBy: '5105', dms: [{ id: '5105', text: 'Still waiting' }] }]);
    expect(dmTexts(later)).toEqual(['Still waiting']);

    // A week on, the ingested entries leave the log; the case's messages stay in its timeline.
    rig.clock.now += 8 * DAY;
    expect(await pruneIngested(rig.store.db, rig.clock.now - 7 * DAY)).toBeGreaterThan(0);
    expect(await rig.store.db.selectFrom('events').select('seq').where('intent', '=', 'ingestedDms').execute()).toEqual([]);
    const timeline = await tom.desktop.read('caseTimeline', { handleId: 'acmeair', postId: '5101' });
    expect(timeline).toMatchObject({ ok: true });
    if (!timeline.ok) return;
    expect((timeline.value as { kind: string; text: string }[]).filter((item) => item.kind === 'message').map((item) => item.text)).toEqual([
      '(direct message) My booking is AB1234',
      '(direct message) Flight was yesterday',
      '(direct message) Still waiting',
    ]);
    expect((await snapshotOf(tom.desktop)).caseDms.flatMap((group) => group.events.map((event) => event.id))).toEqual(['5101', '5104', '5105']);
  });

  it('retention keeps each handle’s newest DMs', async () => {
    await setUp();
    await pruneDmEvents(rig.store.db, 2);
    const kept = await rig.store.db.selectFrom('team_dm_events').select('event_id').orderBy('event_id').execute();
    // Events of one log entry share its seq: the boundary falls in the first batch, which goes whole.
    expect(kept.map((row) => row.event_id)).toEqual(['5104']);
  });
});

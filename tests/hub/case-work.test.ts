// Case work at the hub: the posts it ingests open cases (or join their customer's case and reopen
// it); who receives what about a case (a member without view-unassigned learns only of the cases
// given to them, checked in what the hub sends); snoozes that end by themselves.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubMessage, LogEntry } from '../../src/shared/hub-protocol';
import { insertTeamColumn } from '../../src/hub/queries/team-columns';
import type { TeamFeed } from '../../src/hub/ingest/team-feed';
import { postView } from '../helpers/posts';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Desktop, type Rig } from './hub-rig';

const DAY = 86_400_000;
const byCustomer = (id: string, customer: string, createdAt = '2026-11-25T09:00:00.000Z') => postView({ id, authorId: customer, text: `help ${id}`, createdAt }, { id: customer, username: `customer_${customer}` });
const caseEntries = (entries: LogEntry[], postId: string) =>
  entries.filter((entry) => entry.intent === 'caseChanged' && (entry.args as { case: { postId: string } }).case.postId === postId).map((entry) => entry.args as { case: Record<string, unknown>; post?: { id: string }; reopenedBy?: string; snoozeEnded?: true });

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

describe.each(HUB_ENGINES)('case work at the hub on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  async function setUp() {
    rig = await startRig(await engine.freshStore());
    const team = await teamWith(rig, 'acmeair', [
      { name: 'Ana Agent', handleRole: 'agent' },
      { name: 'Tom Trainee', handleRole: 'trainee' },
    ]);
    const [ana, tom] = team.members;
    if (!ana || !tom) throw new Error('members');
    await insertTeamColumn(rig.store.db, { id: 'col-m', handleId: 'acmeair', title: 'Mentions', source: { kind: 'mentions' }, ownerId: null }, team.ownerGrant.memberId, rig.clock.now);
    const feed: TeamFeed | null = rig.hub.feed;
    if (!feed) throw new Error('the rig hub has a feed');
    return { ...team, ana, tom, feed };
  }

  it('ingested posts open cases; a follow-up joins its customer’s case and reopens it; a case resolved long ago stays history', async () => {
    const { ana, feed } = await setUp();
    await feed.logIngested('col-m', [byCustomer('1001', '7'), byCustomer('1002', '8'), postView({ id: '1000', authorId: 'acmeair' }, { id: 'acmeair' })]);
    const [ingested] = (await entriesOf(ana.desktop)).filter((entry) => entry.intent === 'ingested');
    const opened = (ingested?.args as { cases: { postId: string; customerId: string; status: string; waitingSince: number }[] }).cases;
    // The handle's own post is no case; each customer's is, waiting since they wrote.
    expect(opened.map((item) => [item.postId, item.customerId, item.status])).toEqual([
      ['1001', '7', 'open'],
      ['1002', '8', 'open'],
    ]);
    expect(opened[0]?.waitingSince).toBe(Date.parse('2026-11-25T09:00:00.000Z'));

    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '1001', status: 'pending' })).toMatchObject({ outcome: 'applied' });
    const cursor = (await entriesOf(ana.desktop)).at(-1)?.seq ?? 0;
    rig.clock.now += 60_000;
    await feed.logIngested('col-m', [byCustomer('1003', '7', new Date(rig.clock.now).toISOString())]);
    const later = await entriesOf(ana.desktop, cursor);
    expect(later.find((entry) => entry.intent === 'ingested')?.args).toMatchObject({ joined: [{ postId: '1003', casePostId: '1001' }] });
    expect((later.find((entry) => entry.intent === 'ingested')?.args as { cases?: unknown }).cases).toBeUndefined();
    // Set pending by hand, never answered: the customer still waits since their first post; the pause ends.
    expect(caseEntries(later, '1001')).toMatchObject([{ case: { status: 'open', waitingSince: Date.parse('2026-11-25T09:00:00.000Z'), pauses: [{ to: rig.clock.now }] }, reopenedBy: '1003' }]);
    // Acting on the follow-up acts on its case.
    expect(await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '1003' })).toMatchObject({ outcome: 'applied', result: { postId: '1001', assigneeId: ana.memberId } });

    // Resolved more than a week ago: the customer's new post is a new case.
    await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '1002', status: 'resolved' });
    rig.clock.now += 8 * DAY;
    await feed.logIngested('col-m', [byCustomer('1004', '8')]);
    const rows = await rig.store.db.selectFrom('assignments').select(['post_id', 'status']).orderBy('post_id').execute();
    expect(rows).toEqual([
      { post_id: '1001', status: 'open' },
      { post_id: '1002', status: 'resolved' },
      { post_id: '1004', status: 'open' },
    ]);
  });

  it('a member without view-unassigned receives only the cases given to them, with their post, and hears when one is taken back', async () => {
    const { owner, ana, tom, feed } = await setUp();
    await feed.logIngested('col-m', [byCustomer('2001', '7'), byCustomer('2002', '8')]);
    await ana.desktop.intent('addNote', { handleId: 'acmeair', postId: '2002', text: 'VIP, careful' });
    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '2002', status: 'pending', expectedVersion: 99 })).toMatchObject({ outcome: 'refused' });
    // Nothing of the queue reaches Tom: no post, no case, no note, no refusal naming one.
    const before = JSON.stringify(await entriesOf(tom.desktop));
    expect(before).not.toContain('2001');
    expect(before).not.toContain('2002');

    expect(await ana.desktop.intent('assignPost', { handleId: 'acmeair', postId: '2001', assigneeId: tom.memberId })).toMatchObject({ outcome: 'applied' });
    const given = await entriesOf(tom.desktop);
    expect(caseEntries(given, '2001')).toMatchObject([{ case: { assigneeId: tom.memberId }, post: { id: '2001', text: 'help 2001' } }]);
    expect(JSON.stringify(given)).not.toContain('2002');
    // A fresh desktop of Tom's gets the same in its snapshot.
    const snapshot = await snapshotOf(tom.desktop);
    expect(snapshot.assignments.map((item) => item.postId)).toEqual(['2001']);
    expect(snapshot.casePosts.map((post) => post.id)).toEqual(['2001']);
    expect(snapshot.recent).toEqual([]);
    expect(snapshot.notes).toEqual([]);

    // Taking it from Tom needs take-over (Ana, an Agent, has not); the Owner gives it to Ana:
    // Tom's desktops hear it is no longer his, then nothing more of it.
    const cursor = given.at(-1)?.seq ?? 0;
    expect(await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '2001' })).toMatchObject({ outcome: 'refused' });
    expect(await ana.desktop.intent('assignPost', { handleId: 'acmeair', postId: '2001', assigneeId: ana.memberId })).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('take-over') });
    expect(await owner.intent('assignPost', { handleId: 'acmeair', postId: '2001', assigneeId: ana.memberId })).toMatchObject({ outcome: 'applied' });
    await ana.desktop.intent('addNote', { handleId: 'acmeair', postId: '2001', text: 'Taking this one' });
    const after = await entriesOf(tom.desktop, cursor);
    expect(caseEntries(after, '2001')).toMatchObject([{ case: { assigneeId: ana.memberId } }]);
    expect(caseEntries(after, '2001')[0]?.post).toBeUndefined();
    expect(JSON.stringify(after)).not.toContain('Taking this one');
    expect((await snapshotOf(tom.desktop)).assignments).toEqual([]);
    // Ana (view-unassigned) saw every case all along.
    expect(JSON.stringify(await entriesOf(ana.desktop))).toContain('2002');
  });

  it('a snooze until a time ends by itself: the case opens again and says so; a snooze in the past is refused', async () => {
    const { ana, feed } = await setUp();
    await feed.logIngested('col-m', [byCustomer('3001', '7')]);
    await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '3001' });
    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '3001', status: 'snoozed', until: rig.clock.now - 1 })).toMatchObject({ outcome: 'refused', code: 'invalid_input' });
    const until = rig.clock.now + 3_600_000;
    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '3001', status: 'snoozed', until })).toMatchObject({ outcome: 'applied', result: { status: 'snoozed', snoozedUntil: until, pauses: [{ from: rig.clock.now, to: null }] } });
    await feed.wakeSnoozed();
    expect((await rig.store.db.selectFrom('assignments').select('status').where('post_id', '=', '3001').executeTakeFirstOrThrow()).status).toBe('snoozed');

    rig.clock.now = until + 1;
    await feed.wakeSnoozed();
    const woken = caseEntries(await entriesOf(ana.desktop), '3001').at(-1);
    expect(woken).toMatchObject({ snoozeEnded: true, case: { status: 'open', snoozedUntil: null, assigneeId: ana.memberId, pauses: [{ to: until + 1 }] } });
  });

  it('a follow-up is split off into a case of its own, and merged back: each case keeps the messages it gathers, and later messages join the right one', async () => {
    const { ana, feed } = await setUp();
    await feed.logIngested('col-m', [byCustomer('4001', '7'), byCustomer('4002', '7'), byCustomer('4100', '8')]);
    const messagesOf = async (postId: string) => JSON.parse((await rig.store.db.selectFrom('assignments').select('message_ids').where('post_id', '=', postId).executeTakeFirstOrThrow()).message_ids) as string[];
    expect(await messagesOf('4001')).toEqual(['4001', '4002']);

    expect(await ana.desktop.intent('splitCase', { handleId: 'acmeair', postId: '4001' })).toMatchObject({ outcome: 'refused', reason: 'That post opened its case: only a later message can be split off.' });
    expect(await ana.desktop.intent('splitCase', { handleId: 'acmeair', postId: '4002' })).toMatchObject({ outcome: 'applied', result: { postId: '4002', customerId: '7', status: 'open', messageIds: ['4002'] } });
    expect(await messagesOf('4001')).toEqual(['4001']);
    // The customer's next message joins their newest case, the one split off.
    rig.clock.now += 60_000;
    await feed.logIngested('col-m', [byCustomer('4003', '7', new Date(rig.clock.now).toISOString())]);
    expect(await messagesOf('4002')).toEqual(['4002', '4003']);

    expect(await ana.desktop.intent('mergeCases', { handleId: 'acmeair', postId: '4100', intoPostId: '4001' })).toMatchObject({ outcome: 'refused', reason: 'Only cases of the same customer can be merged.' });
    expect(await ana.desktop.intent('mergeCases', { handleId: 'acmeair', postId: '4003', intoPostId: '4002' })).toMatchObject({ outcome: 'refused', reason: 'Those posts are one case already.' });
    const merged = await ana.desktop.intent('mergeCases', { handleId: 'acmeair', postId: '4003', intoPostId: '4001' });
    expect(merged).toMatchObject({ outcome: 'applied', result: { postId: '4001', status: 'open', messageIds: ['4001', '4002', '4003'] } });
    expect(await rig.store.db.selectFrom('assignments').select(['status', 'message_ids']).where('post_id', '=', '4002').executeTakeFirstOrThrow()).toEqual({ status: 'resolved', message_ids: '[]' });
    // Both cases changed in the log, for every desktop that sees the queue; the next message joins the merged case.
    const changed = (await entriesOf(ana.desktop)).filter((entry) => entry.intent === 'caseChanged' && entry.actorId === ana.memberId).map((entry) => (entry.args as { case: { postId: string; status: string } }).case);
    expect(changed.slice(-2)).toMatchObject([{ postId: '4002', status: 'resolved' }, { postId: '4001', status: 'open' }]);
    rig.clock.now += 60_000;
    await feed.logIngested('col-m', [byCustomer('4004', '7', new Date(rig.clock.now).toISOString())]);
    expect(await messagesOf('4001')).toEqual(['4001', '4002', '4003', '4004']);
  });

  it('direct messages are case work too: a customer moved to DM stays in their case, a new one opens a case, the brand’s own DMs open none', async () => {
    const { ana, feed } = await setUp();
    await insertTeamColumn(rig.store.db, { id: 'col-dm', handleId: 'acmeair', title: 'DMs', source: { kind: 'dms' }, ownerId: null }, ana.memberId, rig.clock.now);
    await feed.logIngested('col-m', [byCustomer('5001', '7')]);
    const dm = (id: string, senderId: string, text: string) => ({
      id,
      conversationId: `${senderId}-acmeair`,
      senderId,
      participantIds: [senderId, 'acmeair'],
      text,
      createdAt: '2026-11-25T09:05:00.000Z',
      entities: { urls: [], mentions: [], hashtags: [], cashtags: [] },
      media: [],
      sender: { id: senderId, username: `customer_${senderId}`, name: 'Customer', avatarUrl: null, verified: false, followersCount: 10 },
    });
    await feed.logIngestedDms('col-dm', [dm('5101', '7', 'My booking is AB1234'), dm('5102', 'acmeair', 'Thanks, checking'), dm('5103', '9', 'Hello? Refund please')]);
    const rows = await rig.store.db.selectFrom('assignments').select(['post_id', 'customer_id', 'message_ids']).orderBy('post_id').execute();
    expect(rows.map((row) => [row.post_id, row.customer_id, JSON.parse(row.message_ids) as string[]])).toEqual([
      ['5001', '7', ['5001', '5101']],
      ['5103', '9', ['5103']],
    ]);
    const [entry] = (await entriesOf(ana.desktop)).filter((candidate) => candidate.intent === 'ingestedDms');
    expect(entry?.args).toMatchObject({ joined: [{ postId: '5101', casePostId: '5001' }], cases: [{ postId: '5103', customerId: '9' }] });
  });

  it('a case’s timeline lists its messages (posts and DMs), assignment, notes and status changes in order, for the queue’s viewers and its assignee', async () => {
    const { ana, tom, feed } = await setUp();
    await insertTeamColumn(rig.store.db, { id: 'col-dm', handleId: 'acmeair', title: 'DMs', source: { kind: 'dms' }, ownerId: null }, ana.memberId, rig.clock.now);
    await feed.logIngested('col-m', [byCustomer('6001', '7', '2026-11-25T08:59:00.000Z')]);
    rig.clock.now += 60_000;
    await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '6001' });
    await ana.desktop.intent('addNote', { handleId: 'acmeair', postId: '6001', text: 'Lost bag, Osaka' });
    await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '6001', status: 'pending' });
    rig.clock.now += 60_000;
    const dm = { id: '6101', conversationId: '7-acmeair', senderId: '7', participantIds: ['7', 'acmeair'], text: 'Here is my tag number', createdAt: new Date(rig.clock.now).toISOString(), entities: { urls: [], mentions: [], hashtags: [], cashtags: [] }, media: [], sender: { id: '7', username: 'customer_7', name: 'C', avatarUrl: null, verified: false, followersCount: 1 } };
    await feed.logIngestedDms('col-dm', [dm]);

    const answer = await ana.desktop.read('caseTimeline', { handleId: 'acmeair', postId: '6101' });
    expect(answer).toMatchObject({ ok: true });
    if (!answer.ok) return;
    expect((answer.value as { kind: string; actor: string; text: string }[]).map(({ kind, actor, text }) => `${kind} ${actor}: ${text}`)).toEqual([
      'message @customer_7: help 6001',
      'change Ana Agent: took it',
      'note Ana Agent: Lost bag, Osaka',
      'change Ana Agent: set it Pending',
      'message @customer_7: (direct message) Here is my tag number',
      'change Deckhand hub: reopened it: the customer wrote again',
    ]);
    // Tom (Trainee) does not see the queue and does not have this case.
    expect(await tom.desktop.read('caseTimeline', { handleId: 'acmeair', postId: '6001' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('replying to a customer the team does not engage with needs the take-over permission and a confirmation, checked at the hub', async () => {
    const { owner, ana, feed } = await setUp();
    expect(await owner.intent('saveCaseSettings', { handleId: 'acmeair', settings: { doNotEngage: [{ userId: '7', username: 'customer_7' }] } })).toMatchObject({ outcome: 'applied' });
    await feed.logIngested('col-m', [byCustomer('9001', '7'), byCustomer('9002', '8')]);
    expect(await rig.store.db.selectFrom('assignments').select('do_not_engage').where('post_id', '=', '9001').executeTakeFirstOrThrow()).toEqual({ do_not_engage: 1 });

    const reply = { handleId: 'acmeair', postId: '9001', text: '@customer_7 hello' };
    expect(await ana.desktop.intent('sendReply', reply)).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: '@acmeair does not engage with this customer: replying anyway needs the take-over permission.' });
    expect(await owner.intent('sendReply', reply)).toMatchObject({ outcome: 'refused', code: 'conflict', reason: '@acmeair does not engage with this customer: confirm to reply anyway.' });
    expect(await owner.intent('sendReply', { ...reply, engageAnyway: true })).toMatchObject({ outcome: 'applied' });
    // Another customer is answered as usual.
    expect(await ana.desktop.intent('sendReply', { handleId: 'acmeair', postId: '9002', text: '@customer_8 hello' })).toMatchObject({ outcome: 'applied' });
  });
});

// Case queues as columns, on desktops of one team: "Unassigned" and "Assigned to me" fill from the
// cases the hub opens and follow every assignment live; the member a case is given to is told so
// (as their notification settings allow); a Trainee, who may not see the queue, gets the post of a
// case given to them and nothing else.
import { describe, expect, it } from 'vitest';
import { ASSIGNED_TO_ME, UNASSIGNED } from '../../src/shared/case-queues';
import type { CaseNotice } from '../../src/shared/team';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import type { TestDesktop } from '../helpers/team-desktop';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team case queue tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('case queues on team desktops', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  const noticesOf = (desktop: TestDesktop): CaseNotice[] => {
    const heard: CaseNotice[] = [];
    desktop.core.events.subscribe((event, payload) => {
      if (event === 'caseNotice') heard.push(payload as CaseNotice);
    });
    return heard;
  };
  const listed = async (desktop: TestDesktop, columnId: string) => (await desktop.ok('listColumnPosts', { columnId, limit: 100 })).map((post) => post.id);

  it('Unassigned and Assigned to me follow the hub’s cases; the assignee is told; a Trainee sees only the case given to them', async () => {
    const a = await rig.desktop();
    const b = await rig.desktop();
    const t = await rig.desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir at A');
    const bob = await b.ok('joinTeam', { inviteLink: (await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 })).link, displayName: 'Bob Agent' });
    const tia = await t.ok('joinTeam', { inviteLink: (await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'trainee' }, expiresInHours: 1 })).link, displayName: 'Tia Trainee' });
    const heardByBob = noticesOf(b);

    const search = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'queuetest' });
    const unassigned = await b.ok('createColumn', { kind: 'cases', accountId: acme.id, queue: UNASSIGNED });
    const mine = await b.ok('createColumn', { kind: 'cases', accountId: acme.id, queue: ASSIGNED_TO_ME });
    expect([unassigned.title, mine.title]).toEqual(['Unassigned: @AcmeAir', 'Assigned to me: @AcmeAir']);
    const tiasQueue = await t.ok('createColumn', { kind: 'cases', accountId: acme.id, queue: ASSIGNED_TO_ME });

    const admin = sandboxAdmin(rig.sandbox.url);
    const first = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir queuetest my bag is lost' });
    const second = await admin.createPost({ author: 'dana_customer', text: '@AcmeAir queuetest refund please' });
    await eventually(async () => (await listed(b, unassigned.id)).length === 2, 10_000, 'both cases in B’s Unassigned');
    expect(await listed(b, unassigned.id)).toEqual([second.id, first.id]);
    expect(await listed(b, mine.id)).toEqual([]);

    // Ann gives the first to Bob: it leaves his Unassigned, joins his Assigned to me, and he is told.
    await a.ok('assignPost', { accountId: acme.id, postId: first.id, assigneeId: bob.memberId });
    await eventually(async () => (await listed(b, mine.id)).includes(first.id), 5_000, 'the case in B’s Assigned to me');
    expect(await listed(b, unassigned.id)).toEqual([second.id]);
    await eventually(async () => heardByBob.length === 1, 5_000, 'Bob to be told');
    expect(heardByBob).toEqual([{ kind: 'assigned', handleId: acme.id, postId: first.id, text: 'Ann Owner assigned you @casey_customer’s post' }]);
    // Claiming one himself tells him nothing.
    await b.ok('claimPost', { accountId: acme.id, postId: second.id });
    await eventually(async () => (await listed(b, mine.id)).length === 2, 5_000, 'both cases Bob’s');
    expect(heardByBob).toHaveLength(1);

    // Bob turns "assigned to me" notices off on this desktop: the next one is not told.
    expect(await b.ok('setCaseNotifySettings', { assigned: false, mentioned: true, reopened: true, slaDue: true })).toMatchObject({ assigned: false });
    const third = await admin.createPost({ author: 'erin_customer', text: '@AcmeAir queuetest seat change' });
    await eventually(async () => (await listed(b, unassigned.id)).includes(third.id), 10_000, 'the third case in the queue');
    await a.ok('assignPost', { accountId: acme.id, postId: third.id, assigneeId: bob.memberId });
    await eventually(async () => (await listed(b, mine.id)).includes(third.id), 5_000, 'the third case Bob’s');
    expect(heardByBob).toHaveLength(1);

    // Tia (Trainee) has no team column posts and no queue; the case given to her arrives with its post.
    expect(await listed(t, tiasQueue.id)).toEqual([]);
    expect((await t.ok('listAssignments', {})).map((item) => item.postId)).toEqual([]);
    const fourth = await admin.createPost({ author: 'fay_customer', text: '@AcmeAir queuetest wifi on board?' });
    await eventually(async () => (await listed(a, search.id)).includes(fourth.id), 10_000, 'the fourth post at A');
    await eventually(async () => (await a.ok('listAssignments', {})).some((item) => item.postId === fourth.id), 5_000, 'its case at A');
    await a.ok('assignPost', { accountId: acme.id, postId: fourth.id, assigneeId: tia.memberId ?? '' });
    await eventually(async () => (await listed(t, tiasQueue.id)).includes(fourth.id), 5_000, 'the case in Tia’s Assigned to me');
    const [shown] = await t.ok('listColumnPosts', { columnId: tiasQueue.id, limit: 10 });
    expect(shown).toMatchObject({ id: fourth.id, text: '@AcmeAir queuetest wifi on board?', author: { username: 'fay_customer' } });
    expect((await t.ok('listAssignments', {})).map((item) => item.postId)).toEqual([fourth.id]);
    expect((await t.ok('searchArchive', { query: 'queuetest' })).map((post) => post.id)).toEqual([fourth.id]);
  });

  it('a customer’s direct messages to a team handle are one case at both desktops, worked from any of them', async () => {
    const a = await rig.desktop();
    const b = await rig.desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir at A');
    await b.ok('joinTeam', { inviteLink: (await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 })).link, displayName: 'Bob Agent' });
    // X allows a handle few DM reads (the hub polls them about once a minute): the messages are
    // there before the team's DMs column, whose first read brings them.
    const admin = sandboxAdmin(rig.sandbox.url);
    const first = await admin.createDm({ from: 'casey_customer', to: 'AcmeAir', text: 'My booking AB1234 was cancelled' });
    const second = await admin.createDm({ from: 'casey_customer', to: 'AcmeAir', text: 'Hello? Anyone?' });
    await a.ok('createColumn', { kind: 'dms', accountId: acme.id });
    const dmCase = async (desktop: TestDesktop) => (await desktop.ok('listAssignments', {})).find((item) => item.messageIds.includes(first.id));
    for (const desktop of [a, b]) await eventually(async () => (await dmCase(desktop))?.status === 'open', 15_000, 'the DM case at a desktop');
    // One conversation, one case: the second message joined the first's.
    expect((await dmCase(b))?.messageIds).toEqual([first.id, second.id]);
    // Working the case from the DM (any of its messages) acts on the one case.
    expect(await b.ok('claimPost', { accountId: acme.id, postId: second.id })).toMatchObject({ postId: first.id, messageIds: [first.id, second.id] });

    // Bob answers in the thread; the hub sends it as @AcmeAir: it lands at X, in both desktops'
    // threads, and the case waits for the customer.
    const thread = await b.ok('listDmThread', { accountId: acme.id, conversationId: first.dm_conversation_id });
    expect(thread.map((message) => message.text)).toEqual(['My booking AB1234 was cancelled', 'Hello? Anyone?']);
    const sent = await b.ok('sendDm', { accountId: acme.id, conversationId: first.dm_conversation_id, text: 'Casey, AB1234 is rebooked on tomorrow’s 9:10 ^BA' });
    expect(sent).toMatchObject({ pending: false, id: expect.any(String) });
    for (const desktop of [a, b]) {
      await eventually(async () => (await desktop.ok('listDmThread', { accountId: acme.id, conversationId: first.dm_conversation_id })).some((message) => message.id === sent.id && message.senderId === acme.id), 5_000, 'the sent DM in the thread');
      await eventually(async () => (await dmCase(desktop))?.status === 'pending', 5_000, 'the DM case to wait for the customer');
    }
    // A conversation the hub has never read is refused with why, and nothing goes out.
    expect(await a.call('sendDm', { accountId: acme.id, conversationId: '1-2', text: 'nobody' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no message of that conversation') } });
  });

  it('a case queue is a team’s: a solo handle has none', async () => {
    const solo = await rig.desktop();
    const [account] = await solo.ok('listAccounts', {});
    expect(await solo.call('createColumn', { kind: 'cases', accountId: account?.id ?? '', queue: UNASSIGNED })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Case queues are a team’s') } });
  });
});

// A DM case given to a member without view-unassigned (the handle's DMs never reach their desktop):
// the case arrives with its direct messages, so its thread reads at their desktop and they answer
// it through the hub; another desktop of theirs gets the same from its first snapshot; nothing of
// another customer's conversation reaches them. (A preset Trainee reads it alike; answering a DM
// needs the dm permission, which the role here has and a Trainee has not.)
import { describe, expect, it } from 'vitest';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team DM case tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('a DM case given to a member who does not see the queue', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('reads at their desktops (live and from a snapshot) and is answered from there; other DMs stay away', async () => {
    const a = await rig.desktop();
    const t = await rig.desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir at A');
    await a.ok('saveRole', { name: 'Assigned DMs', permissions: ['view', 'reply', 'dm', 'send-without-approval'] });
    const assignedOnly = (await a.team()).roles.find((role) => role.name === 'Assigned DMs')?.id ?? '';
    const tia = await t.ok('joinTeam', { inviteLink: (await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: assignedOnly }, expiresInHours: 1 })).link, displayName: 'Tia Tanaka' });

    // The DMs are there before the team's DMs column, whose first read brings them.
    const admin = sandboxAdmin(rig.sandbox.url);
    const first = await admin.createDm({ from: 'casey_customer', to: 'AcmeAir', text: 'My booking AB1234 was cancelled' });
    await admin.createDm({ from: 'casey_customer', to: 'AcmeAir', text: 'Hello? Anyone?' });
    const other = await admin.createDm({ from: 'dana_customer', to: 'AcmeAir', text: 'Refund to card 4242 please' });
    await a.ok('createColumn', { kind: 'dms', accountId: acme.id });
    const dmCase = await eventually(async () => (await a.ok('listAssignments', {})).find((item) => item.messageIds.includes(first.id)), 15_000, 'the DM case at A');
    await eventually(async () => (await a.ok('listAssignments', {})).some((item) => item.messageIds.includes(other.id)), 5_000, 'the other DM case at A');
    const threadAt = (desktop: typeof t, conversationId: string) => desktop.ok('listDmThread', { accountId: acme.id, conversationId });
    expect(await threadAt(t, first.dm_conversation_id)).toEqual([]);

    await a.ok('assignPost', { accountId: acme.id, postId: dmCase.postId, assigneeId: tia.memberId ?? '' });
    await eventually(async () => (await threadAt(t, first.dm_conversation_id)).length === 2, 5_000, 'the case’s thread at Tia’s desktop');
    expect((await threadAt(t, first.dm_conversation_id)).map((message) => [message.text, message.sender?.username])).toEqual([
      ['My booking AB1234 was cancelled', 'casey_customer'],
      ['Hello? Anyone?', 'casey_customer'],
    ]);
    expect((await t.ok('listAssignments', {})).map((item) => item.postId)).toEqual([dmCase.postId]);
    expect(await threadAt(t, other.dm_conversation_id)).toEqual([]);

    // She answers in the thread: the hub sends it as @AcmeAir, and it joins her thread.
    const sent = await t.ok('sendDm', { accountId: acme.id, conversationId: first.dm_conversation_id, text: 'Casey, AB1234 is rebooked ^TT' });
    expect(sent).toMatchObject({ pending: false, id: expect.any(String) });
    await eventually(async () => (await threadAt(t, first.dm_conversation_id)).some((message) => message.id === sent.id && message.senderId === acme.id), 5_000, 'the answer in Tia’s thread');

    // Another desktop of hers starts from a snapshot: the case's messages come with it, nothing else.
    const laptop = await rig.desktop();
    const { link } = await t.ok('linkTeamDesktop', {});
    await laptop.ok('joinTeam', { inviteLink: link, displayName: 'ignored for a desktop link' });
    await eventually(async () => (await threadAt(laptop, first.dm_conversation_id)).length >= 2, 10_000, 'the case’s thread at Tia’s laptop');
    expect((await threadAt(laptop, first.dm_conversation_id)).slice(0, 2).map((message) => message.text)).toEqual(['My booking AB1234 was cancelled', 'Hello? Anyone?']);
    expect(await threadAt(laptop, other.dm_conversation_id)).toEqual([]);
  });
});

// Claiming a hub, invites and joining, removing members and changing roles on open connections,
// and bad input that must never stop the hub.
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_MAX_FRAME_BYTES, HUB_MAX_IN_FLIGHT } from '../../src/shared/hub-protocol';
import { HUB_ENGINES } from './engines';
import { Desktop, inviteCodeOf, startRig, teamWith, type Rig } from './hub-rig';

describe.each(HUB_ENGINES)('team on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('an unclaimed hub is taken only with its setup code, once', async () => {
    rig = await startRig(await engine.freshStore());
    const code = rig.hub.setupCode;
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    const wrong = await rig.post('/claim', { setupCode: 'WRONGCODE0', teamName: 'Thieves', displayName: 'Mallory' });
    expect(wrong).toMatchObject({ status: 403, body: { code: 'forbidden' } });

    const owner = await rig.post('/claim', { setupCode: code, teamName: 'Acme care', displayName: 'Olivia Owner' });
    expect(owner.status).toBe(201);
    expect(owner.body.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await rig.post('/claim', { setupCode: code, teamName: 'Again', displayName: 'Mallory' });
    expect(again).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(rig.hub.setupCode).toBeNull();

    const desktop = await Desktop.connect(rig.hub.url, owner.body.credential ?? '');
    const members = await desktop.read('listMembers');
    expect(members).toMatchObject({ ok: true, value: [{ displayName: 'Olivia Owner', initials: 'OO', teamRole: 'owner' }] });
    // Only the hash is stored.
    const stored = await rig.store.db.selectFrom('members').select('credential_hash').executeTakeFirstOrThrow();
    expect(stored.credential_hash).not.toContain(owner.body.credential ?? '');
    desktop.close();
  });

  it('invites are single use, expire, can be revoked, and give the roles they name', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner } = await teamWith(rig, 'acmeair', []);
    const invite = await owner.intent('createInvite', { handleRoles: { acmeair: 'agent' }, expiresInHours: 2 });
    expect(invite).toMatchObject({ outcome: 'applied', result: { link: expect.stringMatching(/^deckhand:\/\/join\?hub=http%3A%2F%2F127\.0\.0\.1%3A\d+&code=/) } });
    const code = inviteCodeOf(invite);

    const joined = await rig.join(code, 'Dana Agent');
    expect(joined.status).toBe(201);
    expect(await rig.join(code, 'Second Person')).toMatchObject({ status: 403, body: { message: 'That invite was already used.' } });
    expect(await rig.join('no-such-code', 'Someone')).toMatchObject({ status: 404, body: { message: 'That invite code is not known to this hub.' } });

    const agent = await Desktop.connect(rig.hub.url, joined.body.credential ?? '');
    const me = (await agent.read('listMembers')).ok ? ((await agent.read('listMembers')) as { value: { displayName: string; handleRoles: Record<string, string> }[] }).value : [];
    expect(me.find((member) => member.displayName === 'Dana Agent')?.handleRoles).toEqual({ acmeair: 'agent' });

    const expiring = inviteCodeOf(await owner.intent('createInvite', { expiresInHours: 2 }));
    rig.clock.now += 2 * 3_600_000; // on the injected clock
    expect(await rig.join(expiring, 'Late Larry')).toMatchObject({ status: 403, body: { message: 'That invite has expired; ask for a new one.' } });

    const revokedInvite = await owner.intent('createInvite', {});
    const revokedId = revokedInvite.outcome === 'applied' ? (revokedInvite.result as { inviteId: string }).inviteId : '';
    expect(await owner.intent('revokeInvite', { inviteId: revokedId })).toMatchObject({ outcome: 'applied' });
    expect(await rig.join(inviteCodeOf(revokedInvite), 'Revoked Ray')).toMatchObject({ status: 403, body: { message: 'That invite was revoked.' } });

    // A replayed createInvite answers the recorded result, which does not repeat the code.
    const [replayed] = await owner.push([{ id: invite.id, name: 'createInvite', args: {} }]);
    expect(replayed).toMatchObject({ outcome: 'applied', replayed: true, result: { codeShownOnce: true } });
    expect(JSON.stringify(replayed)).not.toContain(code);
    agent.close();
  });

  it('removing a member closes their sockets at once and their credential stops working', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, members } = await teamWith(rig, 'acmeair', [{ name: 'Eve Agent', handleRole: 'agent' }]);
    const eve = members[0];
    if (!eve) throw new Error('no member');
    // The credential also works as a bearer header on the upgrade (no URL carries it).
    const second = await Desktop.connect(rig.hub.url, eve.credential, 'eve-laptop', { headers: { authorization: `Bearer ${eve.credential}` } });
    const offline = owner.next((message) => message.type === 'presence' && message.memberId === eve.memberId && message.status === 'offline');
    const closed = eve.desktop.waitClosed();
    const secondClosed = second.waitClosed();
    expect(await owner.intent('removeMember', { memberId: eve.memberId })).toMatchObject({ outcome: 'applied' });
    expect(await closed).toEqual({ code: 4403, reason: 'Removed from the team' });
    expect(await secondClosed).toEqual({ code: 4403, reason: 'Removed from the team' });
    await offline;
    await expect(Desktop.connect(rig.hub.url, eve.credential)).rejects.toThrow(/not welcomed.*Unknown or revoked member credential/);
    // The bearer header form is refused the same way.
    const viaHeader = await Desktop.connect(rig.hub.url, eve.credential, 'x', { headers: { authorization: `Bearer ${eve.credential}` } }).catch((error: Error) => error);
    expect(String(viaHeader)).toMatch(/Unknown or revoked member credential/);
  });

  it('a role change applies to the next intent on an already open connection', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, members } = await teamWith(rig, 'acmeair', [{ name: 'Ari Agent', handleRole: 'agent' }]);
    const ari = members[0];
    if (!ari) throw new Error('no member');
    expect(await ari.desktop.intent('claimPost', { handleId: 'acmeair', postId: '111' })).toMatchObject({ outcome: 'applied' });
    expect(await owner.intent('setMemberRole', { memberId: ari.memberId, handleId: 'acmeair', roleId: 'trainee' })).toMatchObject({ outcome: 'applied' });
    const refused = await ari.desktop.intent('claimPost', { handleId: 'acmeair', postId: '112' });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: 'Refused: needs view-unassigned on acmeair.' });
    expect(ari.desktop.closed).toBeNull();
  });

  it('an Admin cannot touch an Owner; the last Owner stays', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [{ name: 'Ada Admin', teamRole: 'admin' }]);
    const ada = members[0];
    if (!ada) throw new Error('no member');
    expect(await ada.desktop.intent('removeMember', { memberId: ownerGrant.memberId })).toMatchObject({ outcome: 'refused', reason: 'Only an Owner can remove an Owner.' });
    expect(await ada.desktop.intent('setMemberRole', { memberId: ada.memberId, handleId: null, roleId: 'owner' })).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    expect(await owner.intent('setMemberRole', { memberId: ownerGrant.memberId, handleId: null, roleId: 'admin' })).toMatchObject({ outcome: 'refused', code: 'conflict' });
  });

  it('bad input gets a clear error and the hub keeps serving', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner } = await teamWith(rig, 'acmeair', []);
    const errorAfter = async (text: string) => {
      const answer = owner.next((message) => message.type === 'error');
      owner.sendRaw(text);
      return answer;
    };
    expect(await errorAfter('{not json')).toEqual({ type: 'error', code: 'invalid_input', message: 'Malformed JSON.' });
    expect(await errorAfter(JSON.stringify({ type: 'launch' }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Invalid message: type/) });
    expect(await errorAfter(JSON.stringify({ type: 'pull', cursor: 'yesterday' }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cursor/) });
    expect(await owner.intent('launchRockets', {})).toMatchObject({ outcome: 'refused', code: 'unknown_intent', reason: 'Unknown intent "launchRockets".' });
    expect(await owner.intent('assignPost', { handleId: 'acmeair', postId: 5 })).toMatchObject({ outcome: 'refused', code: 'invalid_input', reason: expect.stringMatching(/postId/) });
    expect(await owner.read('dropTables')).toMatchObject({ ok: false, code: 'unknown_intent' });

    // Before authentication anything but hello is refused and the socket closed.
    const stranger = new (await import('ws')).default(`${rig.hub.url.replace('http', 'ws')}/sync`);
    await new Promise((resolve) => stranger.once('open', resolve));
    const strangerClosed = new Promise<number>((resolve) => stranger.once('close', (code) => resolve(code)));
    stranger.send(JSON.stringify({ type: 'pull', cursor: 0 }));
    expect(await strangerClosed).toBe(4401);

    // A flood is answered "busy" beyond the in-flight limit; the rest is answered, and the socket stays usable.
    owner.received.length = 0;
    for (let index = 0; index < HUB_MAX_IN_FLIGHT * 3; index++) owner.sendRaw(JSON.stringify({ type: 'pull', cursor: 0 }));
    const busy = () => owner.received.filter((message) => message.type === 'error' && message.code === 'busy').length;
    const answered = () => owner.received.filter((message) => message.type === 'pullResult').length;
    await expect.poll(() => busy() + answered(), { timeout: 10_000 }).toBe(HUB_MAX_IN_FLIGHT * 3);
    expect(busy()).toBeGreaterThan(0);
    expect(answered()).toBeGreaterThanOrEqual(HUB_MAX_IN_FLIGHT);
    expect(await owner.read('listRoles')).toMatchObject({ ok: true });

    // An oversized frame closes only that socket (1009), and the hub still answers everyone else.
    const greedy = await Desktop.connect(rig.hub.url, (await rig.join(inviteCodeOf(await owner.intent('createInvite', {})), 'Greedy')).body.credential ?? '');
    greedy.sendRaw('x'.repeat(HUB_MAX_FRAME_BYTES + 1));
    expect((await greedy.waitClosed()).code).toBe(1009);
    expect(await owner.read('getTeam')).toMatchObject({ ok: true, value: { name: 'Acme care' } });
  });
});

// Two real desktops' cores (demo workspace on a real X API sandbox, each with its own data dir and
// `conf` preferences, both on one real OS keychain) linked to a real hub on SQLite over HTTP and
// WebSockets: creating a team, inviting and joining, roles moving live, restarts and hub outages.
import { readFileSync } from 'node:fs';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { SOLO_TEAM_STATE } from '../../src/shared/team';
import { Desktop } from '../hub/hub-rig';
import { filesUnder, memberNamed } from '../helpers/team-desktop';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';
import { eventually } from '../helpers/sandbox';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team link tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('the team link between desktops and a hub', () => {
  const rig = useTeamRig();
  const { keychainService } = rig;
  const desktop = () => rig.desktop();

  it('a wrong setup code is refused with a clear error and the desktop stays solo', async () => {
    const a = await desktop();
    const refused = await a.call('createTeam', { hubUrl: rig.hub.url, setupCode: 'WRONGCODE0', displayName: 'Ann Owner' });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/wrong setup code/i) } });
    const unreachable = await a.call('createTeam', { hubUrl: 'http://127.0.0.1:1', setupCode: 'WRONGCODE0', displayName: 'Ann Owner' });
    expect(unreachable).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Could not reach the hub at http://127.0.0.1:1') } });
    const badLink = await a.call('joinTeam', { inviteLink: 'https://example.com/join?code=abc', displayName: 'Ann Owner' });
    expect(badLink).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not a Deckhand invite link') } });
    expect(await a.team()).toMatchObject({ status: 'solo', memberId: null, members: [] });
    expect(rig.hub.setupCode).not.toBeNull(); // nothing was claimed
  });

  it('a member removed from the team goes solo and loses its credential', async () => {
    const a = await desktop();
    const b = await desktop();
    const created = await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: {}, expiresInHours: 1 });
    const joined = await b.ok('joinTeam', { inviteLink: link, displayName: 'Bob Agent' });
    const bobKey = `team:${joined.memberId ?? ''}:credential`;
    expect(await keytar.getPassword(keychainService, bobKey)).not.toBeNull();

    // The Owner removes B over the real protocol (no desktop command does this yet).
    const ownerCredential = await keytar.getPassword(keychainService, `team:${created.memberId ?? ''}:credential`);
    const owner = await Desktop.connect(rig.hub.url, ownerCredential ?? '');
    expect(await owner.intent('removeMember', { memberId: joined.memberId })).toMatchObject({ outcome: 'applied' });
    owner.close();

    const solo = await eventually(async () => {
      const state = await b.team();
      return state.status === 'solo' && state;
    }, 5_000, 'B to go solo');
    expect(solo).toEqual({ ...SOLO_TEAM_STATE, problem: 'You were removed from the team' });
    expect(await keytar.getPassword(keychainService, bobKey)).toBeNull();
    await b.restart();
    expect(await b.team()).toMatchObject({ status: 'solo', memberId: null });
    await eventually(async () => (await a.team()).members.length === 1, 5_000, 'A to see B gone');
  });

  it('creates a team, invites and joins, moves roles live, survives restarts and hub outages', async () => {
    const a = await desktop();
    const b = await desktop();
    const accounts = await a.ok('listAccounts', {});
    const acme = accounts.find((account) => account.username === 'AcmeAir');
    if (!acme) throw new Error('the demo workspace has no @AcmeAir');

    // A claims the hub: Owner of a team without handles yet; A connects @AcmeAir through the hub.
    const created = await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    expect(created).toMatchObject({ status: 'online', teamName: "Ann Owner's team", problem: null, handles: [], members: [{ displayName: 'Ann Owner', teamRole: 'owner', presence: 'online' }] });
    expect(a.teamEvents.at(-1)).toEqual(created);
    await connectTeamHandle(a, 'AcmeAir');
    await eventually(async () => (await a.team()).handles.some((handle) => handle.id === acme.id), 5_000, 'A to see @AcmeAir in the team');

    // A invites an Agent on @AcmeAir; B joins with the link.
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 24 });
    expect(link).toMatch(/^deckhand:\/\/join\?hub=http%3A%2F%2F127\.0\.0\.1%3A\d+&code=/);
    const joined = await b.ok('joinTeam', { inviteLink: link, displayName: 'Bob Agent' });
    expect(joined.status).toBe('online');
    expect(memberNamed(joined, 'Bob Agent')).toMatchObject({ id: joined.memberId, teamRole: null, handleRoles: { [acme.id]: 'agent' }, presence: 'online' });
    expect(memberNamed(joined, 'Ann Owner')?.presence).toBe('online');
    expect(joined.invites).toEqual([]); // an Agent may not list invites
    const bobId = joined.memberId ?? '';
    await eventually(async () => memberNamed(await a.team(), 'Bob Agent')?.presence === 'online', 5_000, 'A to see Bob online');
    expect((await a.team()).invites).toMatchObject([{ usedBy: bobId, handleRoles: { [acme.id]: 'agent' } }]);

    // A makes B a trainee on @AcmeAir: B's desktop shows it within a second, through teamChanged.
    const changedAt = Date.now();
    await a.ok('setMemberRole', { memberId: bobId, handleId: acme.id, roleId: 'trainee' });
    await eventually(() => b.teamEvents.some((state) => memberNamed(state, 'Bob Agent')?.handleRoles[acme.id] === 'trainee'), 1_000, 'B to hear of its new role');
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect(memberNamed(await b.team(), 'Bob Agent')?.handleRoles).toEqual({ [acme.id]: 'trainee' });

    // A custom role saved by A shows on both sides; B may not change roles.
    await a.ok('saveRole', { name: 'Night shift', permissions: ['view', 'reply'] });
    await eventually(async () => (await b.team()).roles.some((role) => role.name === 'Night shift'), 2_000, 'B to see the new role');
    expect(await b.call('saveRole', { name: 'Mine', permissions: ['view'] })).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('manage-team') } });

    // The credentials are in the keychain, under each member's id, and in no file of either desktop.
    for (const [who, memberId] of [
      [a, created.memberId ?? ''],
      [b, bobId],
    ] as const) {
      const credential = await keytar.getPassword(keychainService, `team:${memberId}:credential`);
      expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A demo workspace's team link lives under keys of its own (the X workspace's is `team.link`).
      expect(who.preferences.get('demo.team.link')).toEqual({ hubUrl: rig.hub.url, memberId });
      for (const file of filesUnder(who.dataDir)) expect(readFileSync(file).includes(credential ?? 'missing'), file).toBe(false);
    }

    // B restarts: it reconnects from the keychain and its preferences alone.
    await b.restart();
    const resumed = await eventually(async () => {
      const state = await b.team();
      return state.status === 'online' && state;
    }, 5_000, 'B to reconnect after a restart');
    expect(resumed).toMatchObject({ memberId: bobId, teamName: "Ann Owner's team" });
    expect(resumed.members.map((member) => member.displayName).sort()).toEqual(['Ann Owner', 'Bob Agent']);

    // The hub goes away: both show offline with why; it comes back on its address: both reconnect.
    await rig.hub.close();
    for (const d of [a, b]) {
      const down = await eventually(async () => {
        const state = await d.team();
        return state.status === 'offline' && state;
      }, 5_000, 'the link to go offline');
      expect(down.problem).toMatch(/hub at http:\/\/127\.0\.0\.1:\d+.*retrying/);
    }
    expect(memberNamed(await a.team(), 'Bob Agent')?.presence).toBe('offline');
    await rig.restartHub();
    for (const d of [a, b]) await eventually(async () => (await d.team()).status === 'online', 5_000, 'the link to come back');
    expect(await a.team()).toMatchObject({ problem: null });
    await eventually(async () => memberNamed(await a.team(), 'Bob Agent')?.presence === 'online', 5_000, 'A to see Bob online again');
    const statuses = a.teamEvents.map((state) => state.status);
    expect(statuses.slice(statuses.lastIndexOf('offline'))).toContain('connecting');
  });
});

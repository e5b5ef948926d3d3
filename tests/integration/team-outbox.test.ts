// A desktop cut off from its hub keeps what its member asks of the team in a durable outbox, shown
// as pending (also after a restart); on reconnect each intent is applied, or refused with the
// hub's reason, as the member's role is then: a role revoked meanwhile refuses the queued reply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteLink } from '../../src/shared/hub-protocol';
import { startCuttableProxy, type CuttableProxy } from '../helpers/cuttable-proxy';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import type { TestDesktop } from '../helpers/team-desktop';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team outbox tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('the team outbox', () => {
  const rig = useTeamRig();
  let proxy: CuttableProxy;
  beforeEach(async () => (proxy = await startCuttableProxy(rig.hub.url)));
  afterEach(() => proxy.close());

  it('a reply made offline waits as pending, across a restart, and goes out on reconnect', async () => {
    const { b, acme } = await teamBehindProxy();
    const target = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir anyone there?' });
    await goOffline(b);

    expect(await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: target.id, text: 'Yes, here! ^BA' })).toEqual({ id: null, pending: true });
    expect((await b.team()).outbox).toMatchObject([{ intent: 'sendReply', status: 'pending', reason: null, summary: `Reply as @AcmeAir to post ${target.id}: Yes, here! ^BA` }]);
    await b.restart();
    expect((await b.team()).outbox).toMatchObject([{ status: 'pending' }]);
    expect((await sandboxAdmin(rig.sandbox.url).postsBy('AcmeAir')).some((post) => post.text === 'Yes, here! ^BA')).toBe(false);

    await proxy.restore();
    await eventually(async () => (await b.team()).outbox.length === 0, 5_000, 'the outbox to empty');
    expect((await sandboxAdmin(rig.sandbox.url).postsBy('AcmeAir')).filter((post) => post.text === 'Yes, here! ^BA')).toHaveLength(1);
  });

  it('a role revoked while the desktop was offline: its queued reply is refused, with the reason, until dismissed', async () => {
    const { a, b, acme } = await teamBehindProxy();
    const target = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir refund please' });
    await goOffline(b);
    await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: target.id, text: 'Refund on its way ^BA' });
    await a.ok('setMemberRole', { memberId: (await b.team()).memberId ?? '', handleId: acme.id, roleId: 'trainee' });

    await proxy.restore();
    const refused = await eventually(async () => (await b.team()).outbox.find((item) => item.status === 'refused'), 5_000, 'the queued reply to be refused');
    expect(refused.reason).toBe(`Refused: needs send-without-approval on ${acme.id}.`);
    expect((await sandboxAdmin(rig.sandbox.url).postsBy('AcmeAir')).some((post) => post.text === 'Refund on its way ^BA')).toBe(false);
    expect(await b.call('dismissTeamOutboxItem', { id: refused.id + 1_000 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await b.ok('dismissTeamOutboxItem', { id: refused.id })).outbox).toEqual([]);
  });

  /** An Owner with @AcmeAir, and an Agent whose desktop reaches the hub through the proxy. */
  async function teamBehindProxy() {
    const a = await rig.desktop();
    const b = await rig.desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir in the team');
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
    const code = new URL(link).searchParams.get('code') ?? '';
    await b.ok('joinTeam', { inviteLink: inviteLink(proxy.url, code), displayName: 'Bob Agent' });
    await eventually(async () => (await b.ok('listAccounts', {})).some((account) => account.id === acme.id && account.fromTeam), 5_000, '@AcmeAir at B');
    return { a, b, acme };
  }

  async function goOffline(d: TestDesktop): Promise<void> {
    await proxy.cut();
    await eventually(async () => (await d.team()).status !== 'online', 5_000, 'the desktop to lose its hub');
  }
});

// A team handle's spend today is the team's: the hub sends for every member, so each desktop prices
// what the hub sent as the handle today (a colleague's replies and new posts too), and says it is
// only its own count while the hub cannot be asked. A real sandbox (with its prices), hub and two
// desktops' cores.
import { describe, expect, it } from 'vitest';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { ownerAndAgent, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team spend tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('a team handle’s spend today', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('counts every member’s sends through the hub, on each desktop; without the hub, this desktop’s own and says so', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamspend' });
    const asked = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir teamspend my refund?' });
    await eventually(async () => (await b.ok('listColumnPosts', { columnId: column.id, limit: 100 })).some((post) => post.id === asked.id), 10_000, 'the post at B');
    expect(await a.ok('getDaySpend', { accountId: acme.id })).toMatchObject({ usd: 0, sends: 0, thisDesktopOnly: false });

    // Bob replies twice (once with a link: the dearer "post with URL"); Ann posts once.
    await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: asked.id, text: '@casey_customer on it' });
    await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: asked.id, text: '@casey_customer see https://acmeair.com/refunds' });
    await a.ok('createPost', { accountId: acme.id, text: 'Our refund desk is open on Sundays now', sendAt: null });

    // $0.015 a post, $0.20 with a URL: X bills what the hub sent for both members.
    const expected = { usd: 0.23, sends: 3, unpricedSends: 0, thisDesktopOnly: false };
    await eventually(async () => (await a.ok('getDaySpend', { accountId: acme.id })).sends === 3 || undefined, 5_000, 'A to count three sends');
    expect(await a.ok('getDaySpend', { accountId: acme.id })).toMatchObject(expected);
    expect(await b.ok('getDaySpend', { accountId: acme.id })).toMatchObject(expected);

    await rig.hub.close();
    await eventually(async () => (await a.team()).status !== 'online' || undefined, 5_000, 'A to lose its hub');
    // Ann's own post is all her desktop knows by itself.
    expect(await a.ok('getDaySpend', { accountId: acme.id })).toMatchObject({ usd: 0.015, sends: 1, thisDesktopOnly: true });
  });
});

// A member's layout and reading positions of team columns are their own and follow them to another
// desktop: the owner links a second desktop of theirs, and what they change on one (width,
// collapse, filters, the read marker, the scroll position) shows on the other, while a colleague's
// layout of the same column stays theirs.
import { describe, expect, it } from 'vitest';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team layout tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('a member’s layout follows them to another desktop', () => {
  const rig = useTeamRig();
  const desktop = () => rig.desktop();

  it('width, collapse, filters, read marker and scroll move with the member, not with a colleague', async () => {
    const home = await desktop();
    const created = await home.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(home, 'AcmeAir');
    const acme = await eventually(async () => (await home.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir in the team');
    const column = await home.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'layouttest' });
    const posts: string[] = [];
    for (let index = 0; index < 3; index++) posts.push((await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: `@AcmeAir layouttest ${index}` })).id);
    await eventually(async () => (await home.ok('listColumnPosts', { columnId: column.id })).length === 3, 5_000, 'the column to fill');

    // A colleague, and a second desktop of Ann's own (a desktop link: the same member).
    const colleague = await desktop();
    const { link: invite } = await home.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
    await colleague.ok('joinTeam', { inviteLink: invite, displayName: 'Bob Agent' });
    const laptop = await desktop();
    const { link } = await home.ok('linkTeamDesktop', {});
    const linked = await laptop.ok('joinTeam', { inviteLink: link, displayName: 'ignored for a desktop link' });
    expect(linked.memberId).toBe(created.memberId);
    expect((await home.team()).members.map((member) => member.displayName)).toEqual(['Ann Owner', 'Bob Agent']);
    expect(await laptop.call('joinTeam', { inviteLink: link, displayName: 'again' })).toMatchObject({ ok: false });

    // Changes on the home desktop show on the laptop.
    await home.ok('updateColumn', { columnId: column.id, widthPx: 480, collapsed: true, filters: { hideReplies: true } });
    await home.ok('markColumnRead', { columnId: column.id, lastReadId: posts[1]! });
    await home.ok('setColumnScroll', { columnId: column.id, anchorPostId: posts[0]!, offsetPx: 12 });
    const onLaptop = await eventually(async () => {
      const found = (await laptop.ok('listColumns', {})).find((candidate) => candidate.id === column.id);
      return found?.widthPx === 480 && found.lastReadId === posts[1] && found.scroll.anchorPostId === posts[0] && found;
    }, 5_000, 'the layout to reach the laptop');
    expect(onLaptop).toMatchObject({ collapsed: true, filters: { hideReplies: true }, scroll: { offsetPx: 12 } });

    // …and the other way; the colleague's layout of the same column stays their own.
    await laptop.ok('updateColumn', { columnId: column.id, collapsed: false });
    await eventually(async () => (await home.ok('listColumns', {})).find((candidate) => candidate.id === column.id)?.collapsed === false, 5_000, 'the laptop’s change to reach home');
    const atColleague = (await colleague.ok('listColumns', {})).find((candidate) => candidate.id === column.id);
    expect(atColleague).toMatchObject({ widthPx: 340, collapsed: false, lastReadId: null, filters: { hideReplies: false } });

    // A team column's query is the team's: no desktop changes it for itself.
    expect(await home.call('updateColumn', { columnId: column.id, query: 'something else' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

// In a team, a colleague's reply (through the hub) marks the post answered by that member on every
// desktop, with one more reply on its count, announced to the cards at once; likes and reposts of a
// team handle are refused (the hub relays neither). A real sandbox, hub and two desktops' cores.
import { describe, expect, it } from 'vitest';
import type { PostView } from '../../src/shared/domain';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team post care tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('cards of a team handle’s posts', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('a colleague’s reply shows as answered by them, counted, on the other desktop at once; like and repost are refused', async () => {
    const a = await rig.desktop();
    const b = await rig.desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir to be a team handle');
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
    await b.ok('joinTeam', { inviteLink: link, displayName: 'Bob Agent' });
    const updates: { columnId: string; posts: PostView[] }[] = [];
    a.core.events.subscribe((event, payload) => {
      if (event === 'postsUpdated') updates.push(payload as (typeof updates)[number]);
    });

    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamcare' });
    const asked = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir teamcare where is my bag?' });
    const atA = async () => (await a.ok('listColumnPosts', { columnId: column.id, limit: 100 })).find((post) => post.id === asked.id);
    const before = await eventually(atA, 10_000, 'the post at A');
    expect(before.answered).toBeUndefined();
    await eventually(async () => (await b.ok('listColumnPosts', { columnId: column.id, limit: 100 })).some((post) => post.id === asked.id), 5_000, 'the post at B');

    await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: asked.id, text: '@casey_customer on it ^BA' });
    const answered = await eventually(async () => (await atA())?.answered && atA(), 5_000, 'A to see the post answered');
    expect(answered).toMatchObject({ answered: { by: 'Bob Agent' }, metrics: { replies: (before.metrics?.replies ?? 0) + 1 } });
    expect(updates.find((update) => update.columnId === column.id)?.posts[0]).toMatchObject({ id: asked.id, answered: { by: 'Bob Agent' } });

    expect(await a.call('engagePost', { accountId: acme.id, postId: asked.id, kind: 'like', on: true })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Likes and reposts of a team handle would go through the team’s hub, which does not relay them yet.' },
    });
  });
});

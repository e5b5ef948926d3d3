// In a team, a colleague's reply (through the hub) marks the post answered by that member on every
// desktop, with one more reply on its count, announced to the cards at once; a colleague's like as
// the team handle goes out through the hub and shows pressed, counted, on every desktop; a repost
// needs the post permission. A real sandbox, hub and two desktops' cores.
import { describe, expect, it } from 'vitest';
import type { PostView } from '../../src/shared/domain';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { ownerAndAgent, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team post care tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('cards of a team handle’s posts', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('a colleague’s reply shows as answered by them, counted, on the other desktop at once; so does their like, and their repost is refused', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);
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

    const likesBefore = before.metrics?.likes ?? 0;
    const liked = await b.ok('engagePost', { accountId: acme.id, postId: asked.id, kind: 'like', on: true });
    expect(liked).toMatchObject({ id: asked.id, likedBy: [acme.id], metrics: { likes: likesBefore + 1 } });
    const likedAtA = await eventually(async () => ((await atA())?.likedBy?.includes(acme.id) ? atA() : undefined), 5_000, 'A to see the post liked');
    expect(likedAtA).toMatchObject({ likedBy: [acme.id], metrics: { likes: likesBefore + 1 } });
    expect(updates.filter((update) => update.columnId === column.id).at(-1)?.posts[0]).toMatchObject({ id: asked.id, likedBy: [acme.id] });

    // Bob is an Agent: reposting publishes on the handle's timeline, which needs the post permission.
    expect(await b.call('engagePost', { accountId: acme.id, postId: asked.id, kind: 'repost', on: true })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('post permission') } });
    expect((await atA())?.repostedBy ?? []).toEqual([]);
  });

  it('a like while the hub is out of reach says so, waits in the outbox, and shows on both desktops once the hub is back', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'thankyou' });
    const story = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir thankyou for the upgrade' });
    const postAt = async (desktop: typeof a) => (await desktop.ok('listColumnPosts', { columnId: column.id, limit: 100 })).find((post) => post.id === story.id);
    await eventually(async () => postAt(a), 10_000, 'the post at A');
    await eventually(async () => postAt(b), 5_000, 'the post at B');

    await rig.hub.close();
    await eventually(async () => (await b.team()).status !== 'online', 5_000, 'B to lose its hub');
    const offline = await b.call('engagePost', { accountId: acme.id, postId: story.id, kind: 'like', on: true });
    expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('out of reach') } });
    expect((await b.team()).outbox).toMatchObject([{ status: 'pending' }]);

    await rig.restartHub();
    for (const desktop of [b, a]) await eventually(async () => (await postAt(desktop))?.likedBy?.includes(acme.id), 10_000, 'the like to show');
    expect(await postAt(a)).toMatchObject({ likedBy: [acme.id], metrics: { likes: 1 } });
    expect((await b.team()).outbox).toEqual([]);
  });
});

// The hub ingests for the team: a real X API sandbox, a real hub (SQLite, sealed vault) and two
// desktops' cores. The owner connects @AcmeAir through the hub (OAuth with PKCE, the hub keeps the
// tokens), a team column fills at both desktops from the hub's one stream, replies go through the
// hub and are refused by it when the member's role does not allow them, a member who may not see
// the queue gets no unassigned post, and a desktop in a team makes no X call of its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { filesUnder, type TestDesktop } from '../helpers/team-desktop';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('team ingest tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('the hub ingests for the team', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });
  const desktop = (pollIntervalMs?: number) => rig.desktop(pollIntervalMs ? { pollIntervalMs } : {});

  /** An Owner with @AcmeAir connected through the hub, and a member who joined with `role` on it. */
  async function team(role: string) {
    const a = await desktop();
    const b = await desktop();
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir to be a team handle at A');
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: role }, expiresInHours: 1 });
    const joined = await b.ok('joinTeam', { inviteLink: link, displayName: 'Bob Agent' });
    return { a, b, acme, bobId: joined.memberId ?? '' };
  }

  const postIds = async (d: TestDesktop, columnId: string) => (await d.ok('listColumnPosts', { columnId, limit: 500 })).map((post) => post.id).sort();

  it('a team column fills at both desktops from the hub, and new posts reach both live', async () => {
    const { a, b, acme } = await team('agent');
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'AcmeAir' });
    expect(column).toMatchObject({ fromTeam: true, accountId: acme.id, title: 'Search: AcmeAir' });
    const admin = sandboxAdmin(rig.sandbox.url);
    const first: string[] = [];
    for (const text of ['@AcmeAir lovely crew today', '@AcmeAir is my flight on time?', 'Flying @AcmeAir again']) first.push((await admin.createPost({ author: 'casey_customer', text })).id);
    const atA = await eventually(async () => {
      const ids = await postIds(a, column.id);
      return first.every((id) => ids.includes(id)) && ids;
    }, 10_000, 'the team column to fill at A');

    // B's replica: the same column, with the same posts, fed by the hub.
    await eventually(async () => (await b.ok('listColumns', {})).some((candidate) => candidate.id === column.id && candidate.fromTeam), 5_000, 'the team column to reach B');
    await eventually(async () => (await postIds(b, column.id)).join() === atA.join(), 5_000, 'B to hold the posts A holds');
    const status = await eventually(async () => (await b.ok('listColumnStatuses', {})).find((candidate) => candidate.columnId === column.id && candidate.state === 'streaming'), 5_000, 'B to show the column live');
    expect(status.message).toBe("Live from the team's hub");

    // A new post about the brand reaches both desktops through the hub's stream; a local archive
    // column of B's (it calls nobody) keeps catching what arrives.
    const archive = await b.ok('createColumn', { kind: 'archive', accountId: acme.id, query: 'bag' });
    expect(archive.fromTeam).toBeUndefined();
    const created = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir my bag never arrived' });
    for (const d of [a, b]) await eventually(async () => (await postIds(d, column.id)).includes(created.id), 5_000, 'the new post to reach a desktop');
    await eventually(async () => (await postIds(b, archive.id)).includes(created.id), 5_000, 'the archive column to catch it');
    expect((await b.ok('listColumnStatuses', {})).find((candidate) => candidate.columnId === archive.id)).toMatchObject({ state: 'local' });
    // Offline reading: B's archive search finds it in its own store.
    expect((await b.ok('searchArchive', { query: 'bag never arrived' })).map((post) => post.id)).toContain(created.id);

    // Removing the team column removes it for the team.
    await a.ok('removeColumn', { columnId: column.id });
    await eventually(async () => !(await b.ok('listColumns', {})).some((candidate) => candidate.id === column.id), 5_000, 'the column to leave B');
  });

  it('an Agent may not add a team column but adds one of their own, fed by the hub and seen by nobody else', async () => {
    const { a, b, acme } = await team('agent');
    expect(await b.call('createColumn', { kind: 'search', accountId: acme.id, query: 'mine only' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: `Refused: needs manage-deck on ${acme.id}.` },
    });
    const mine = await b.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'mineonly', forTeam: false });
    expect(mine).toMatchObject({ fromTeam: true, personal: true, title: 'Search: mineonly' });
    const post = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir mineonly question' });
    await eventually(async () => (await postIds(b, mine.id)).includes(post.id), 5_000, 'the personal column to fill');
    expect((await a.ok('listColumns', {})).some((column) => column.id === mine.id)).toBe(false);
    await b.ok('removeColumn', { columnId: mine.id });
    expect((await b.ok('listColumns', {})).some((column) => column.id === mine.id)).toBe(false);
  });

  it('posts are assigned and claimed through the hub, seen alike on both desktops; a claim never takes a colleague’s post', async () => {
    const { a, b, acme, bobId } = await team('agent');
    const admin = sandboxAdmin(rig.sandbox.url);
    const [first, second] = [(await admin.createPost({ author: 'casey_customer', text: '@AcmeAir help 1' })).id, (await admin.createPost({ author: 'casey_customer', text: '@AcmeAir help 2' })).id];
    expect(await a.ok('assignPost', { accountId: acme.id, postId: first, assigneeId: bobId })).toMatchObject({ handleId: acme.id, postId: first, assigneeId: bobId, status: 'open', tags: [], version: 1 });
    await eventually(async () => (await b.ok('listAssignments', {})).some((item) => item.postId === first && item.assigneeId === bobId), 5_000, 'B to see the post is his');
    const claimed = await b.ok('claimPost', { accountId: acme.id, postId: second });
    expect(claimed).toMatchObject({ postId: second, assigneeId: bobId, version: 1 });
    await eventually(async () => (await a.ok('listAssignments', {})).some((item) => item.postId === second && item.assigneeId === bobId), 5_000, 'A to see Bob has it');
    expect(await a.call('claimPost', { accountId: acme.id, postId: second })).toEqual({ ok: false, error: { code: 'conflict', message: `Post ${second} is already assigned to Bob Agent.` } });
    expect((await a.ok('listAssignments', {})).map(({ postId, assigneeId, version }) => ({ postId, assigneeId, version })).sort((x, y) => x.postId.localeCompare(y.postId))).toEqual(
      (await b.ok('listAssignments', {})).map(({ postId, assigneeId, version }) => ({ postId, assigneeId, version })).sort((x, y) => x.postId.localeCompare(y.postId)),
    );
  });

  it('a case moves to pending when answered, reopens when the customer writes again, and resolves, alike on both desktops', async () => {
    const { a, b, acme, bobId } = await team('agent');
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'casetest' });
    const admin = sandboxAdmin(rig.sandbox.url);
    const asked = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir casetest where is my bag?' });
    await eventually(async () => (await postIds(b, column.id)).includes(asked.id), 5_000, 'the post to reach B');
    const caseOf = async (d: TestDesktop) => (await d.ok('listAssignments', {})).find((item) => item.postId === asked.id);

    // The hub opened a case for the customer's post as it ingested it: waiting for an answer since then.
    await eventually(async () => (await caseOf(b))?.version === 1, 5_000, 'the hub to open a case');
    expect(await caseOf(b)).toMatchObject({ assigneeId: null, status: 'open', answered: false, waitingSince: expect.any(Number) });
    expect(await b.ok('claimPost', { accountId: acme.id, postId: asked.id })).toMatchObject({ assigneeId: bobId, status: 'open', version: 2 });
    await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: asked.id, text: '@casey_customer on it ^BA' });
    for (const d of [a, b]) await eventually(async () => (await caseOf(d))?.status === 'pending', 5_000, 'the case to wait for the customer');

    expect(await caseOf(a)).toMatchObject({ status: 'pending', version: 3, answered: true, waitingSince: null }); // opened, claimed, then answered
    // The customer writes again: the case is open again everywhere.
    const again = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir casetest still nothing' });
    for (const d of [a, b]) await eventually(async () => (await caseOf(d))?.status === 'open', 5_000, 'the case to reopen');
    expect(await caseOf(a)).toMatchObject({ assigneeId: bobId, version: 4, waitingSince: expect.any(Number) });
    expect(again.id > asked.id).toBe(true);
    // The follow-up joined the customer's case: no second case for the same conversation.
    expect((await a.ok('listAssignments', {})).filter((item) => item.postId === again.id)).toEqual([]);

    // An internal note of B's reaches A with its author; notes are never posted to X.
    expect(await b.ok('addCaseNote', { accountId: acme.id, postId: asked.id, text: '  Bag found in Osaka, courier tomorrow  ' })).toMatchObject([{ memberId: bobId, text: 'Bag found in Osaka, courier tomorrow' }]);
    await eventually(async () => (await a.ok('listCaseNotes', { accountId: acme.id, postId: asked.id })).some((note) => note.memberId === bobId && note.text === 'Bag found in Osaka, courier tomorrow'), 5_000, 'A to see the note');
    expect(await b.call('addCaseNote', { accountId: acme.id, postId: asked.id, text: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await admin.postsBy('AcmeAir')).some((post) => post.text.includes('courier'))).toBe(false);

    // The handle asks for a tag on every resolved case: B tags it first.
    expect((await a.ok('saveHandleTags', { accountId: acme.id, tags: ['baggage', 'refund'], requireOnResolve: true })).handles).toContainEqual(expect.objectContaining({ id: acme.id, tags: ['baggage', 'refund'], tagRequiredOnResolve: true }));
    await eventually(async () => (await b.team()).handles.some((handle) => handle.tagRequiredOnResolve), 5_000, 'B to know the handle’s tags');
    expect(await b.call('setCaseStatus', { accountId: acme.id, postId: asked.id, status: 'resolved' })).toEqual({ ok: false, error: { code: 'conflict', message: 'Add a tag before resolving: @AcmeAir asks for one on every resolved case.' } });
    expect(await b.call('tagCase', { accountId: acme.id, postId: asked.id, tag: 'lost', on: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await b.ok('tagCase', { accountId: acme.id, postId: asked.id, tag: 'baggage', on: true })).toMatchObject({ tags: ['baggage'], version: 5 });
    expect(await b.ok('setCaseStatus', { accountId: acme.id, postId: asked.id, status: 'resolved' })).toMatchObject({ status: 'resolved', tags: ['baggage'], version: 6 });
    await eventually(async () => (await caseOf(a))?.status === 'resolved', 5_000, 'A to see it resolved');
    // Another post of someone else does not reopen it.
    await admin.createPost({ author: 'other_customer', text: '@AcmeAir casetest unrelated' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await caseOf(a))?.status).toBe('resolved');
  });

  it('replies go through the hub as the member’s role allows; an Agent made Trainee is refused by the hub', async () => {
    const { a, b, acme, bobId } = await team('agent');
    const target = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir where is my refund?' });

    const sent = await b.ok('replyToPost', { accountId: acme.id, inReplyToPostId: target.id, text: 'Sorry Casey, we are on it. ^BA' });
    const onX = await sandboxAdmin(rig.sandbox.url).postsBy('AcmeAir');
    expect(onX.find((post) => post.id === sent.id)).toMatchObject({ text: 'Sorry Casey, we are on it. ^BA' });

    await a.ok('setMemberRole', { memberId: bobId, handleId: acme.id, roleId: 'trainee' });
    const refused = await eventually(async () => {
      const answer = await b.call('replyToPost', { accountId: acme.id, inReplyToPostId: target.id, text: 'A second try' });
      return !answer.ok && answer;
    }, 5_000, 'the hub to refuse the trainee');
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: `Refused: needs send-without-approval on ${acme.id}.` } });
    expect((await sandboxAdmin(rig.sandbox.url).postsBy('AcmeAir')).some((post) => post.text === 'A second try')).toBe(false);
  });

  it('a member without view-unassigned on a handle receives none of its unassigned posts', async () => {
    const { a, b, acme } = await team('agent');
    await a.ok('saveRole', { name: 'Assigned only', permissions: ['view', 'reply'] });
    const custom = (await a.team()).roles.find((role) => role.name === 'Assigned only');
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'AcmeAir' });
    await eventually(async () => (await b.ok('listColumns', {})).some((candidate) => candidate.id === column.id), 5_000, 'the column to reach B');
    await a.ok('setMemberRole', { memberId: (await b.team()).memberId ?? '', handleId: acme.id, roleId: custom?.id ?? '' });
    await eventually(async () => (await b.team()).members.some((member) => member.handleRoles[acme.id] === custom?.id), 5_000, 'B to hear of its role');

    const hidden = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir secret queue item' });
    await eventually(async () => (await postIds(a, column.id)).includes(hidden.id), 5_000, 'A to receive the post');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await postIds(b, column.id)).not.toContain(hidden.id);
    expect((await b.ok('searchArchive', { query: 'secret queue item' })).length).toBe(0);
  });

  it('a desktop in a team makes no X call of its own, and no token reaches a desktop or the hub’s files in clear', async () => {
    const a = await desktop();
    const admin = sandboxAdmin(rig.sandbox.url);
    // Solo, a desktop starting up calls X itself (the stream's rules, the stream, its polls).
    const soloCalls = (await admin.requests()).length;
    await a.restart();
    await eventually(async () => (await admin.requests()).length > soloCalls, 5_000, 'the solo desktop to call X');

    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    await rig.hub.close(); // the hub calls X no more either: whatever reaches the sandbox now is the desktop's
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = (await admin.requests()).length;
    await a.restart();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await admin.requests()).slice(before)).toEqual([]);

    // The tokens the sandbox issued for the team's @AcmeAir are in none of the hub's files nor the desktop's.
    const issued = (await admin.tokens()).filter((token) => token.username === 'AcmeAir').map((token) => token.token);
    expect(issued.length).toBeGreaterThan(0);
    for (const file of [...filesUnder(rig.storeDir), ...filesUnder(a.dataDir)]) {
      const bytes = readFileSync(file);
      for (const token of issued) expect(bytes.includes(token), `${file} holds a token`).toBe(false);
    }
  });
});

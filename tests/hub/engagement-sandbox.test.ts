// Likes and reposts as a team handle: a real hub (SQLite or PostgreSQL, sealed vault) sends them
// through its outbox to a real X API sandbox with the handle's token. An Agent's like reaches X
// once (a replayed push sends nothing more) and is logged for the desktops; an Agent's repost is
// refused for lacking the post permission; an Owner's repost goes out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { HubEntryArgs, LogEntry } from '../../src/shared/hub-protocol';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { HUB_ENGINES } from './engines';
import { connectAcmeAir } from './handle-setup';
import { Desktop, inviteCodeOf, startRig, type Rig } from './hub-rig';

describe.each(HUB_ENGINES)('likes and reposts of a team handle on $name', (engine) => {
  let sandbox: RunningSandbox;
  let rig: Rig;

  beforeEach(async () => {
    sandbox = await startSandbox();
    rig = await startRig(await engine.freshStore(), { xApiBase: sandbox.url, clientId: DEMO_CLIENT_ID, appToken: await sandboxAdmin(sandbox.url).appToken() });
  });

  afterEach(async () => {
    await rig.close();
    await sandbox.close();
  });

  /** The Owner's desktop, @AcmeAir connected to the team, and an Agent on it. */
  async function teamWithAgent() {
    const owner = await Desktop.connect(rig.hub.url, (await rig.claim()).credential, 'owner-desktop');
    const handleId = await connectAcmeAir(owner);
    const joined = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: 'agent' } })), 'Alex Agent');
    const agent = await Desktop.connect(rig.hub.url, joined.body.credential ?? '', 'agent-desktop');
    return { owner, agent, agentId: joined.body.memberId ?? '', handleId };
  }

  const engagementsAtX = async (path: RegExp) => (await sandboxAdmin(sandbox.url).requests()).filter((request) => request.method === 'POST' && path.test(request.path) && request.status === 200);

  async function settledEntries(desktop: Desktop): Promise<HubEntryArgs['engagementSettled'][]> {
    const answer = await desktop.pull(0);
    return answer.type === 'pullResult' ? answer.entries.filter((entry: LogEntry) => entry.intent === 'engagementSettled').map((entry) => entry.args as HubEntryArgs['engagementSettled']) : [];
  }

  it('an Agent’s like reaches X once as the handle, and the desktops are told', async () => {
    const { owner, agent, agentId, handleId } = await teamWithAgent();
    const customerPost = await sandboxAdmin(sandbox.url).createPost({ author: 'casey_customer', text: '@AcmeAir you got me home on time, thank you!' });

    const like = { id: 11, name: 'engagePost', args: { handleId, postId: customerPost.id, kind: 'like', on: true } };
    expect(await agent.push([like])).toMatchObject([{ outcome: 'applied', result: { status: 'sent' } }]);
    expect(await agent.push([like])).toMatchObject([{ outcome: 'applied', replayed: true }]);

    expect(await engagementsAtX(new RegExp(`^/2/users/${handleId}/likes$`))).toHaveLength(1);
    const settled = await eventually(async () => (await settledEntries(owner))[0], 5_000, 'the like to settle');
    expect(settled).toMatchObject({ memberId: agentId, handleId, postId: customerPost.id, kind: 'like', on: true, ok: true, reason: null });
    expect(await settledEntries(owner)).toHaveLength(1);
  }, 40_000);

  it('an Agent’s repost is refused for lacking post; an Owner’s goes out on the handle’s timeline', async () => {
    const { owner, agent, handleId } = await teamWithAgent();
    const admin = sandboxAdmin(sandbox.url);
    const story = await admin.createPost({ author: 'casey_customer', text: 'Shout-out to @AcmeAir for finding my bag in an hour' });

    const refused = await agent.intent('engagePost', { handleId, postId: story.id, kind: 'repost', on: true });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringContaining('post permission') });
    expect(await engagementsAtX(/\/retweets$/)).toHaveLength(0);

    expect(await owner.intent('engagePost', { handleId, postId: story.id, kind: 'repost', on: true })).toMatchObject({ outcome: 'applied', result: { status: 'sent' } });
    expect(await engagementsAtX(new RegExp(`^/2/users/${handleId}/retweets$`))).toHaveLength(1);
    const settled = await eventually(async () => (await settledEntries(owner))[0], 5_000, 'the repost to settle');
    expect(settled).toMatchObject({ handleId, postId: story.id, kind: 'repost', on: true, ok: true });
  }, 40_000);
});

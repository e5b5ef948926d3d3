// An approved reply reaches X once: a real hub (SQLite, sealed vault) sends through a real X API
// sandbox the text the approver edited, credited to the Trainee who wrote it, and the case it
// answers waits for the customer as after any sent reply. Deciding again or replaying the push
// sends nothing more.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { openHubStore } from '../../src/hub/db/open';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { HubEntryArgs, LogEntry } from '../../src/shared/hub-protocol';
import { answerConsent } from '../helpers/consent';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';
import { Desktop, inviteCodeOf, startRig, type Rig } from './hub-rig';

describe('an approved reply at X', () => {
  let sandbox: RunningSandbox;
  let rig: Rig;
  const dir = tempDir('deckhand-approvals-');

  beforeEach(async () => {
    sandbox = await startSandbox();
    const store = await openHubStore(join(dir.path, `hub-${Date.now()}.sqlite`));
    rig = await startRig(store, { xApiBase: sandbox.url, clientId: DEMO_CLIENT_ID, appToken: await sandboxAdmin(sandbox.url).appToken() });
  });

  afterEach(async () => {
    await rig.close();
    await rig.store.close();
    await sandbox.close();
  });

  it('goes out once, with the approver’s edit, as the Trainee’s reply; the case then waits for the customer', async () => {
    const ownerGrant = await rig.claim();
    const owner = await Desktop.connect(rig.hub.url, ownerGrant.credential, 'owner-desktop');
    const started = await owner.intent('connectHandle', {});
    if (started.outcome !== 'applied') throw new Error(JSON.stringify(started));
    expect((await answerConsent((started.result as { authorizeUrl: string }).authorizeUrl, 'AcmeAir')).status).toBe(200);
    const handleId = await eventually(async () => {
      const answer = await owner.pull(0);
      return answer.type === 'pullResult' ? answer.entries.map((entry) => (entry.intent === 'handleConnected' ? (entry.args as { handle: { id: string } }).handle.id : undefined)).find(Boolean) : undefined;
    }, 5_000, '@AcmeAir to be connected');
    const joined = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: 'trainee' } })), 'Tina Trainee');
    const trainee = await Desktop.connect(rig.hub.url, joined.body.credential ?? '', 'trainee-desktop');
    const traineeId = joined.body.memberId ?? '';

    const admin = sandboxAdmin(sandbox.url);
    const customerPost = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir my bag never arrived' });
    const submitted = await trainee.intent('submitReply', { handleId, postId: customerPost.id, text: 'sorry, will check' });
    if (submitted.outcome !== 'applied') throw new Error(JSON.stringify(submitted));
    const approvalId = (submitted.result as { approvalId: string }).approvalId;
    expect(await admin.postsBy('AcmeAir')).toEqual([]);

    const edited = 'Casey, sorry about your bag: it reaches you tonight.';
    const decide = { id: 7, name: 'decideApproval', args: { handleId, approvalId, approve: true, text: edited } };
    expect(await owner.push([decide])).toMatchObject([{ outcome: 'applied', result: { status: 'approved', text: edited, authorId: traineeId } }]);
    const settled = await eventually(async () => {
      const answer = await owner.pull(0);
      const entry = answer.type === 'pullResult' ? answer.entries.find((candidate: LogEntry) => candidate.intent === 'replySettled') : undefined;
      return entry?.args as HubEntryArgs['replySettled'] | undefined;
    }, 5_000, 'the reply to settle');
    expect(settled).toMatchObject({ memberId: traineeId, inReplyTo: customerPost.id, reason: null });

    expect(await owner.push([decide])).toMatchObject([{ outcome: 'applied', replayed: true }]);
    expect(await owner.intent('decideApproval', { handleId, approvalId, approve: true })).toMatchObject({ outcome: 'refused', code: 'conflict', reason: 'Already approved by Olivia Owner.' });
    const sent = (await admin.postsBy('AcmeAir')).filter((post) => post.text === edited);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.id).toBe(settled.replyId);
    expect((await admin.postsBy('AcmeAir')).some((post) => post.text === 'sorry, will check')).toBe(false);
    const answeredCase = await rig.store.db.selectFrom('assignments').select('status').where('handle_id', '=', handleId).where('post_id', '=', customerPost.id).executeTakeFirst();
    expect(answeredCase?.status).toBe('pending');
  }, 40_000);
});

// An approved reply reaches X once: a real hub (SQLite, sealed vault) sends through a real X API
// sandbox the text the approver edited, credited to the Trainee who wrote it, and the case it
// answers waits for the customer as after any sent reply. Deciding again or replaying the push
// sends nothing more.
import { describe, expect, it } from 'vitest';
import type { HubEntryArgs, LogEntry } from '../../src/shared/hub-protocol';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { connectAcmeAir, useSandboxHub } from './handle-setup';
import { Desktop, inviteCodeOf } from './hub-rig';

describe('an approved reply at X', () => {
  const hub = useSandboxHub('deckhand-approvals-');

  it('goes out once, with the approver’s edit, as the Trainee’s reply; the case then waits for the customer', async () => {
    const { sandbox, rig } = hub;
    const ownerGrant = await rig.claim();
    const owner = await Desktop.connect(rig.hub.url, ownerGrant.credential, 'owner-desktop');
    const handleId = await connectAcmeAir(owner);
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

// A team handle's scheduled post goes out from the hub, once, at its time: a real hub (SQLite)
// sends it through a real X API sandbox by the leader's timer. A Trainee may not post as the
// handle, a cancelled post never goes, and every member who may view the handle can list them.
import { describe, expect, it } from 'vitest';
import type { HubEntryArgs, LogEntry } from '../../src/shared/hub-protocol';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { ownerWithHandle, useSandboxHub } from './handle-setup';
import { Desktop, inviteCodeOf } from './hub-rig';

interface ScheduledRow {
  id: string;
  text: string;
  status: string;
  sendAt: number | null;
  xPostId: string | null;
}

async function scheduledOf(desktop: Desktop, handleId: string): Promise<ScheduledRow[]> {
  const answer = await desktop.read('scheduledPosts', { handleId });
  if (!answer.ok) throw new Error(answer.message);
  return answer.value as ScheduledRow[];
}

describe('a team handle’s scheduled posts', () => {
  const hub = useSandboxHub('deckhand-scheduled-');

  it('go out from the hub once, at their time; a cancelled one never does; a Trainee may not post', async () => {
    const { sandbox, rig } = hub;
    const { owner, handleId } = await ownerWithHandle(rig);
    const joined = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: 'trainee' } })), 'Tina Trainee');
    const trainee = await Desktop.connect(rig.hub.url, joined.body.credential ?? '', 'trainee-desktop');
    const admin = sandboxAdmin(sandbox.url);

    const refused = await trainee.intent('createPost', { handleId, text: 'Trainee announcement', sendAt: null });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    expect(await owner.intent('createPost', { handleId, text: 'Too late', sendAt: rig.clock.now - 1_000 })).toMatchObject({ outcome: 'refused', code: 'invalid_input' });

    // The hub's clock is the rig's: two minutes ahead on it.
    const sendAt = rig.clock.now + 120_000;
    const scheduled = await owner.intent('createPost', { handleId, text: 'Our spring timetable is out today ✈️', sendAt });
    const dropped = await owner.intent('createPost', { handleId, text: 'A post we thought better of', sendAt });
    if (scheduled.outcome !== 'applied' || dropped.outcome !== 'applied') throw new Error(JSON.stringify([scheduled, dropped]));
    const droppedId = (dropped.result as { outboxId: string }).outboxId;
    expect(await owner.intent('changeScheduledPost', { handleId, outboxId: droppedId, action: 'cancel' })).toMatchObject({ outcome: 'applied' });

    // The Trainee sees what waits for the handle, though they may not post.
    expect((await scheduledOf(trainee, handleId)).map((row) => [row.text, row.status, row.sendAt])).toEqual([['Our spring timetable is out today ✈️', 'queued', sendAt]]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await admin.postsBy('AcmeAir')).toEqual([]); // not before its time
    rig.clock.now = sendAt + 1;
    await owner.intent('createPost', { handleId, text: 'Next week’s post', sendAt: sendAt + 7 * 86_400_000 }); // sets the leader's timer again

    const settled = await eventually(async () => {
      const answer = await owner.pull(0);
      const entry = answer.type === 'pullResult' ? answer.entries.find((candidate: LogEntry) => candidate.intent === 'postSettled') : undefined;
      return entry?.args as HubEntryArgs['postSettled'] | undefined;
    }, 10_000, 'the scheduled post to settle');
    expect(settled.reason).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a second timer run sends nothing more
    const sent = await admin.postsBy('AcmeAir');
    expect(sent.map((post) => post.text)).toEqual(['Our spring timetable is out today ✈️']);
    expect(sent[0]?.id).toBe(settled.postId);
    const after = await scheduledOf(owner, handleId);
    expect(after.find((row) => row.text.startsWith('Our spring'))).toMatchObject({ status: 'sent', xPostId: settled.postId });
    expect(after.find((row) => row.text.startsWith('Next week'))).toMatchObject({ status: 'queued' });
    expect(await owner.intent('changeScheduledPost', { handleId, outboxId: droppedId, action: 'cancel' })).toMatchObject({ outcome: 'refused', code: 'not_found' });
  }, 40_000);

  it('from a member who may post but not without approval, wait for an approver, who sends them (edited) at their time, as theirs', async () => {
    const { sandbox, rig } = hub;
    const { owner, handleId } = await ownerWithHandle(rig);
    const role = await owner.intent('saveRole', { name: 'Social writer', permissions: ['view', 'post'] });
    if (role.outcome !== 'applied') throw new Error(JSON.stringify(role));
    const roleId = (role.result as { roleId: string }).roleId;
    const joined = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: roleId } })), 'Wes Writer');
    const writer = await Desktop.connect(rig.hub.url, joined.body.credential ?? '', 'writer-desktop');
    const writerId = joined.body.memberId ?? '';
    const admin = sandboxAdmin(sandbox.url);

    expect(await writer.intent('createPost', { handleId, text: 'Straight out', sendAt: null })).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    const sendAt = rig.clock.now + 3_600_000;
    const submitted = await writer.intent('submitPost', { handleId, text: 'Sale starts tomorow!', sendAt });
    const rejected = await writer.intent('submitPost', { handleId, text: 'Something off-brand', sendAt: null });
    if (submitted.outcome !== 'applied' || rejected.outcome !== 'applied') throw new Error(JSON.stringify([submitted, rejected]));
    const approvalId = (submitted.result as { approvalId: string }).approvalId;
    // The writer may not decide their own post.
    expect(await writer.intent('decideApproval', { handleId, approvalId, approve: true })).toMatchObject({ outcome: 'refused', code: 'forbidden' });

    const waiting = await owner.read('listApprovals', { handleId, status: 'waiting' });
    if (!waiting.ok) throw new Error(waiting.message);
    expect((waiting.value as { kind: string; text: string; sendAt: number | null; authorId: string }[]).map((item) => [item.kind, item.text, item.sendAt, item.authorId]).sort()).toEqual([
      ['post', 'Sale starts tomorow!', sendAt, writerId],
      ['post', 'Something off-brand', null, writerId],
    ]);
    expect(await owner.intent('decideApproval', { handleId, approvalId: (rejected.result as { approvalId: string }).approvalId, approve: false, note: 'Not our voice' })).toMatchObject({ outcome: 'applied' });
    expect(await owner.intent('decideApproval', { handleId, approvalId, approve: true, text: 'Sale starts tomorrow!' })).toMatchObject({ outcome: 'applied' });
    expect((await scheduledOf(writer, handleId)).map((row) => [row.text, row.status, row.sendAt])).toEqual([['Sale starts tomorrow!', 'queued', sendAt]]);

    rig.clock.now = sendAt + 1;
    await owner.intent('createPost', { handleId, text: 'Later still', sendAt: sendAt + 86_400_000 }); // sets the leader's timer again
    const settled = await eventually(async () => {
      const answer = await writer.pull(0);
      const entry = answer.type === 'pullResult' ? answer.entries.find((candidate: LogEntry) => candidate.intent === 'postSettled') : undefined;
      return entry?.args as HubEntryArgs['postSettled'] | undefined;
    }, 10_000, 'the approved post to settle');
    expect(settled).toMatchObject({ memberId: writerId, reason: null });
    expect((await admin.postsBy('AcmeAir')).map((post) => post.text)).toEqual(['Sale starts tomorrow!']);
  }, 40_000);
});

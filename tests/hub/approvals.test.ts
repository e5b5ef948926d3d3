// Replies that wait for an approver, at the hub over the real protocol: a Trainee submits, only a
// member with approve decides, an approved reply goes to the outbox once (edited, credited to its
// author), a rejected one keeps its note and sends nothing, and who sees which approvals.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalView, LogEntry, MutationResult } from '../../src/shared/hub-protocol';
import { HUB_ENGINES } from './engines';
import { type Desktop, startRig, teamWith, type Rig } from './hub-rig';

const HANDLE = 'acmeair';

function approvalIdOf(result: MutationResult): string {
  if (result.outcome !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
  return (result.result as { approvalId: string }).approvalId;
}

async function approvalsSeenBy(desktop: Desktop, status?: 'waiting' | 'decided'): Promise<ApprovalView[]> {
  const answer = await desktop.read('listApprovals', { handleId: HANDLE, ...(status ? { status } : {}) });
  if (!answer.ok) throw new Error(`listApprovals refused: ${answer.message}`);
  return answer.value as ApprovalView[];
}

/** Every entry the member's desktop is given from the start of the log. */
async function everythingPulled(desktop: Desktop): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = 0;
  for (;;) {
    const answer = await desktop.pull(cursor);
    if (answer.type !== 'pullResult') throw new Error(`pull answered ${answer.type}`);
    entries.push(...answer.entries);
    cursor = answer.cursor;
    if (!answer.more) return entries;
  }
}

describe.each(HUB_ENGINES)('approvals on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  async function team() {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, HANDLE, [
      { name: 'Tina Trainee', handleRole: 'trainee' },
      { name: 'Theo Trainee', handleRole: 'trainee' },
      { name: 'Ann Agent', handleRole: 'agent' },
    ]);
    const [tina, theo, ann] = members;
    if (!tina || !theo || !ann) throw new Error('team');
    return { owner, ownerId: ownerGrant.memberId, tina, theo, ann };
  }

  const outboxRows = () => rig.store.db.selectFrom('outbox').select(['member_id', 'in_reply_to', 'text']).execute();

  it('a Trainee submits, an Agent may not decide, the Owner edits and approves: the outbox gets it once, as the Trainee’s', async () => {
    const { owner, ownerId, tina, ann } = await team();
    const submitted = await tina.desktop.intent('submitReply', { handleId: HANDLE, postId: '9001', text: '  Sorry about the bag, we are on it  ' });
    const approvalId = approvalIdOf(submitted);
    expect(await tina.desktop.intent('sendReply', { handleId: HANDLE, postId: '9001', text: 'Sent without approval?' })).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringContaining('send-without-approval') });
    expect(await approvalsSeenBy(owner, 'waiting')).toMatchObject([{ id: approvalId, postId: '9001', text: 'Sorry about the bag, we are on it', authorId: tina.memberId, status: 'waiting', finalText: null }]);

    const byAgent = await ann.desktop.intent('decideApproval', { handleId: HANDLE, approvalId, approve: true });
    expect(byAgent).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringContaining('approve') });
    expect(await outboxRows()).toEqual([]);

    const mutation = { id: 41, name: 'decideApproval', args: { handleId: HANDLE, approvalId, approve: true, text: 'Sorry about your bag: it arrives tonight.', note: ' Shorter is kinder ' } };
    const [approved] = await owner.push([mutation]);
    const decision = { approvalId, status: 'approved', postId: '9001', authorId: tina.memberId, text: 'Sorry about your bag: it arrives tonight.' };
    expect(approved).toEqual({ id: 41, outcome: 'applied', result: decision, replayed: false });
    expect(await outboxRows()).toEqual([{ member_id: tina.memberId, in_reply_to: '9001', text: 'Sorry about your bag: it arrives tonight.' }]);

    // The same push again (a desktop that lost the answer) is answered as before and sends nothing more.
    expect(await owner.push([mutation])).toEqual([{ id: 41, outcome: 'applied', result: decision, replayed: true }]);
    const again = await owner.intent('decideApproval', { handleId: HANDLE, approvalId, approve: true });
    expect(again).toMatchObject({ outcome: 'refused', code: 'conflict', reason: 'Already approved by Olivia Owner.' });
    expect(await outboxRows()).toHaveLength(1);
    expect(await approvalsSeenBy(tina.desktop)).toMatchObject([{ id: approvalId, status: 'approved', finalText: decision.text, note: 'Shorter is kinder', decidedBy: ownerId, decidedAt: rig.clock.now }]);

    // The author's desktop hears the submission and the decision, with what was sent.
    const heard = (await everythingPulled(tina.desktop)).filter((entry) => entry.intent === 'decideApproval' || entry.intent === 'submitReply');
    expect(heard.map((entry) => [entry.intent, entry.outcome])).toEqual([['submitReply', 'applied'], ['decideApproval', 'applied']]);
    expect(heard[1]?.args).toEqual({ handleId: HANDLE, approvalId, approve: true, postId: '9001', authorId: tina.memberId, text: decision.text, note: 'Shorter is kinder', kind: 'reply' });
  });

  it('a rejection keeps its note and sends nothing; a Trainee lists their own submissions, the Owner all; another Trainee hears none of it', async () => {
    const { owner, ownerId, tina, theo } = await team();
    const first = approvalIdOf(await tina.desktop.intent('submitReply', { handleId: HANDLE, postId: '9101', text: 'We will refund you twice!' }));
    rig.clock.now += 60_000;
    const second = approvalIdOf(await tina.desktop.intent('submitReply', { handleId: HANDLE, postId: '9102', text: 'Your seat is 12A.' }));
    rig.clock.now += 60_000;
    const owners = approvalIdOf(await owner.intent('submitReply', { handleId: HANDLE, postId: '9103', text: 'The Owner drafts too.' }));

    const rejected = await owner.intent('decideApproval', { handleId: HANDLE, approvalId: first, approve: false, note: 'Only one refund: check the policy.' });
    expect(rejected).toMatchObject({ outcome: 'applied', result: { approvalId: first, status: 'rejected', postId: '9101', authorId: tina.memberId, text: 'We will refund you twice!' } });
    expect(await outboxRows()).toEqual([]);
    expect(await owner.intent('decideApproval', { handleId: HANDLE, approvalId: first, approve: true })).toMatchObject({ outcome: 'refused', code: 'conflict', reason: 'Already rejected by Olivia Owner.' });
    expect(await outboxRows()).toEqual([]);

    const tinas = await approvalsSeenBy(tina.desktop);
    expect(tinas.map((approval) => approval.id)).toEqual([second, first]);
    expect(tinas[1]).toMatchObject({ status: 'rejected', note: 'Only one refund: check the policy.', decidedBy: ownerId, finalText: null });
    expect((await approvalsSeenBy(tina.desktop, 'waiting')).map((approval) => approval.id)).toEqual([second]);
    expect((await approvalsSeenBy(tina.desktop, 'decided')).map((approval) => approval.id)).toEqual([first]);
    expect((await approvalsSeenBy(owner)).map((approval) => approval.id)).toEqual([owners, second, first]);
    expect(await approvalsSeenBy(theo.desktop)).toEqual([]);

    // Theo may not see the queue and wrote none of it: nothing of it reaches his desktop.
    await everythingPulled(theo.desktop);
    const toTheo = JSON.stringify(theo.desktop.received);
    for (const secret of [first, second, owners, 'refund you twice', 'Your seat is 12A', 'Only one refund', 'submitReply', 'decideApproval']) expect(toTheo).not.toContain(secret);
    // The Owner's desktop, which sees the queue, did hear them.
    expect(JSON.stringify(await everythingPulled(owner))).toContain('Only one refund');
  });

  it('a bad decision is refused with its reason and decides nothing', async () => {
    const { owner, tina } = await team();
    const approvalId = approvalIdOf(await tina.desktop.intent('submitReply', { handleId: HANDLE, postId: '9201', text: 'Hello!' }));
    expect(await owner.intent('decideApproval', { handleId: HANDLE, approvalId: 'apr_nope', approve: true })).toMatchObject({ outcome: 'refused', code: 'not_found' });
    expect(await owner.intent('decideApproval', { handleId: HANDLE, approvalId, approve: true, text: '   ' })).toMatchObject({ outcome: 'refused', code: 'invalid_input' });
    expect(await owner.intent('decideApproval', { handleId: HANDLE, approvalId, approve: false, note: 'x'.repeat(501) })).toMatchObject({ outcome: 'refused', code: 'invalid_input', reason: expect.stringContaining('500') });
    expect(await approvalsSeenBy(owner, 'waiting')).toMatchObject([{ id: approvalId }]);
    expect(await outboxRows()).toEqual([]);
  });
});

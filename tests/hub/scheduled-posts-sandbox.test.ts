// A team handle's scheduled post goes out from the hub, once, at its time: a real hub (SQLite)
// sends it through a real X API sandbox by the leader's timer. A Trainee may not post as the
// handle, a cancelled post never goes, and every member who may view the handle can list them.
// Across a hub restart (hub and store closed, a new hub on the same store, on SQLite and, when its
// binaries are there, PostgreSQL): a post scheduled two minutes ahead is not sent before its time
// and goes out once at it, by the new hub's own timer; one whose time passed while the hub was
// down goes out once when it starts again, and a later one still waits; one X took but had not
// answered for when the hub stopped is found at X, not sent again.
import { describe, expect, it } from 'vitest';
import type { HubEntryArgs, LogEntry } from '../../src/shared/hub-protocol';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { HUB_ENGINES } from './engines';
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

/** The postSettled entry of outbox item `outboxId` in the member's log, once there is one. */
function settledOf(desktop: Desktop, outboxId: string, what: string): Promise<HubEntryArgs['postSettled']> {
  return eventually(async () => {
    const answer = await desktop.pull(0);
    const entry = answer.type === 'pullResult' ? answer.entries.find((candidate: LogEntry) => candidate.intent === 'postSettled' && (candidate.args as HubEntryArgs['postSettled']).outboxId === outboxId) : undefined;
    return entry?.args as HubEntryArgs['postSettled'] | undefined;
  }, 10_000, what);
}

function outboxIdOf(result: Awaited<ReturnType<Desktop['intent']>>): string {
  if (result.outcome !== 'applied') throw new Error(JSON.stringify(result));
  return (result.result as { outboxId: string }).outboxId;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

describe.each(HUB_ENGINES)('a team handle’s scheduled post across a hub restart on $name', (engine) => {
  const hub = useSandboxHub('deckhand-scheduled-restart-', engine);

  it('scheduled two minutes ahead, is not sent before its time and goes out once at it, from the restarted hub’s own timer', async () => {
    const { sandbox, rig, storeSpec } = hub;
    const { owner, handleId, credential } = await ownerWithHandle(rig);
    const admin = sandboxAdmin(sandbox.url);
    const text = 'Boarding now opens 45 minutes before departure.';
    const sendAt = rig.clock.now + 120_000;
    const outboxId = outboxIdOf(await owner.intent('createPost', { handleId, text, sendAt }));
    owner.close();

    // The hub stops before the time and starts again when 1.5 s (on its clock) are left. Its timer
    // sleeps in real time towards a time on the injected clock, which stands still unless moved:
    // with a short remainder the new hub's own timer (armed at start from the store; no intent
    // sets it again here) wakes while the post is not yet due, and again once it is.
    rig.clock.now = sendAt - 1_500;
    await rig.restart(storeSpec);
    const again = await Desktop.connect(rig.hub.url, credential, 'owner-desktop-again');
    expect((await scheduledOf(again, handleId)).map((row) => [row.id, row.status, row.sendAt])).toEqual([[outboxId, 'queued', sendAt]]);
    await sleep(2_500); // long enough for the timer to wake at least once, 1.5 s after the start
    expect(await admin.postsBy('AcmeAir'), 'not before its time').toEqual([]);

    rig.clock.now = sendAt;
    const settled = await settledOf(again, outboxId, 'the scheduled post to settle after the restart');
    expect(settled.reason).toBeNull();
    await sleep(1_500); // a later timer run sends nothing more
    const sent = await admin.postsBy('AcmeAir');
    expect(sent.map((post) => post.text)).toEqual([text]);
    expect(sent[0]?.id).toBe(settled.postId);
    expect(await scheduledOf(again, handleId)).toMatchObject([{ id: outboxId, status: 'sent', xPostId: settled.postId }]);

    // Another restart, later, sends nothing more.
    rig.clock.now = sendAt + 600_000;
    await rig.restart(storeSpec);
    await sleep(1_000);
    expect(await admin.postsBy('AcmeAir')).toHaveLength(1);
  }, 40_000);

  it('whose time passed while the hub was down goes out once when it starts again; a later one waits', async () => {
    const { sandbox, rig, storeSpec } = hub;
    const { owner, handleId, credential } = await ownerWithHandle(rig);
    const admin = sandboxAdmin(sandbox.url);
    const sendAt = rig.clock.now + 120_000;
    const dueId = outboxIdOf(await owner.intent('createPost', { handleId, text: 'Gate changes now show in the app.', sendAt }));
    const laterId = outboxIdOf(await owner.intent('createPost', { handleId, text: 'Our summer timetable is out.', sendAt: sendAt + 86_400_000 }));
    owner.close();

    rig.clock.now = sendAt + 5 * 60_000; // down for seven minutes
    await rig.restart(storeSpec);
    const again = await Desktop.connect(rig.hub.url, credential, 'owner-desktop-again');
    const settled = await settledOf(again, dueId, 'the overdue post to settle at the restart');
    expect(settled.reason).toBeNull();
    await sleep(1_500); // the timer, set for the later post, sends nothing more now
    const sent = await admin.postsBy('AcmeAir');
    expect(sent.map((post) => [post.text, post.id])).toEqual([['Gate changes now show in the app.', settled.postId]]);
    const rows = await scheduledOf(again, handleId);
    expect(rows.find((row) => row.id === dueId)).toMatchObject({ status: 'sent', xPostId: settled.postId });
    expect(rows.find((row) => row.id === laterId)).toMatchObject({ status: 'queued', sendAt: sendAt + 86_400_000 });
  }, 40_000);

  it('handed to X as the hub stopped, before X answered, is found at X by the restarted hub, not sent again', async () => {
    const { sandbox, rig, storeSpec } = hub;
    const { owner, handleId, credential } = await ownerWithHandle(rig);
    const admin = sandboxAdmin(sandbox.url);
    const text = 'Free seat selection for families from today.';
    const sendAt = rig.clock.now + 120_000;
    const outboxId = outboxIdOf(await owner.intent('createPost', { handleId, text, sendAt }));

    // X takes the post but answers 5 s late; the hub stops meanwhile, so the item is left "sending".
    const LATE_MS = 5_000;
    await admin.fault({ kind: 'late_answer', path: '/2/tweets', seconds: LATE_MS / 1_000 });
    rig.clock.now = sendAt;
    outboxIdOf(await owner.intent('createPost', { handleId, text: 'A post for next week.', sendAt: sendAt + 7 * 86_400_000 })); // sets the leader's timer again
    const atX = await eventually(async () => (await admin.postsBy('AcmeAir')).find((post) => post.text === text), 10_000, 'X to take the post');
    const tookAt = Date.now();
    await rig.restart(storeSpec);

    const again = await Desktop.connect(rig.hub.url, credential, 'owner-desktop-again');
    const settled = await settledOf(again, outboxId, 'the restarted hub to settle the post');
    expect(settled).toMatchObject({ postId: atX.id, reason: null });
    // Past X's late answer to the stopped hub: still one post at X, settled with its id.
    await sleep(Math.max(0, tookAt + LATE_MS + 500 - Date.now()));
    expect((await admin.postsBy('AcmeAir')).filter((post) => post.text === text)).toHaveLength(1);
    expect((await scheduledOf(again, handleId)).find((row) => row.id === outboxId)).toMatchObject({ status: 'sent', xPostId: atX.id });
  }, 40_000);
});

// Every preset role × every intent and read, over the real protocol: allowed or refused as the
// preset table says (written out here, cell by cell), and each refusal recorded in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESET_ROLE_IDS, type PresetRoleId } from '../../src/shared/hub-roles';
import { INTENT_NAMES, READ_NAMES, type IntentName, type ReadName } from '../../src/shared/hub-intents';
import { insertTeamColumn } from '../../src/hub/queries/team-columns';
import { joinCase, writeAssignment } from '../../src/hub/queries/assignments';
import { newCase } from '../../src/shared/hub-protocol';
import { HUB_ENGINES } from './engines';
import { type Desktop, inviteCodeOf, startRig, teamWith, type Rig } from './hub-rig';

const HANDLE = 'acmeair';
const Y = true;
const N = false;

//                                              owner admin agent trainee viewer
const INTENT_MATRIX: Record<IntentName, boolean[]> = {
  createInvite: /*                          */ [Y, Y, N, N, N],
  revokeInvite: /*                          */ [Y, Y, N, N, N],
  setMemberRole: /*                         */ [Y, Y, N, N, N],
  removeMember: /*                          */ [Y, Y, N, N, N],
  saveRole: /*                              */ [Y, Y, N, N, N],
  deleteRole: /*                            */ [Y, Y, N, N, N],
  connectHandle: /*                         */ [Y, Y, N, N, N],
  addTeamColumn: /*                         */ [Y, Y, N, N, N],
  removeTeamColumn: /*                      */ [Y, Y, N, N, N],
  addPersonalColumn: /*                     */ [Y, Y, Y, N, Y],
  removePersonalColumn: /*                  */ [Y, Y, Y, Y, Y],
  sendDm: /*                                */ [Y, Y, Y, N, N],
  sendReply: /*                             */ [Y, Y, Y, N, N],
  setColumnLayout: /*                       */ [Y, Y, Y, Y, Y],
  linkDesktop: /*                           */ [Y, Y, Y, Y, Y],
  updateProfile: /*                         */ [Y, Y, Y, Y, Y],
  assignPost: /*                            */ [Y, Y, Y, N, N],
  claimPost: /*                             */ [Y, Y, Y, N, N],
  setCaseStatus: /*                         */ [Y, Y, Y, Y, N],
  addNote: /*                               */ [Y, Y, Y, Y, Y],
  saveHandleTags: /*                        */ [Y, Y, N, N, N],
  saveCaseSettings: /*                      */ [Y, Y, N, N, N],
  mergeCases: /*                            */ [Y, Y, Y, Y, N],
  splitCase: /*                             */ [Y, Y, Y, Y, N],
  labelCustomer: /*                         */ [Y, Y, Y, Y, N],
  noteCustomer: /*                          */ [Y, Y, Y, Y, N],
  tagCase: /*                               */ [Y, Y, Y, Y, N],
  saveSavedReplies: /*                      */ [Y, Y, N, N, N],
  submitReply: /*                           */ [Y, Y, Y, Y, N],
  decideApproval: /*                        */ [Y, Y, N, N, N],
  // A like needs reply (a repost also needs post: see the repost rows below).
  engagePost: /*                            */ [Y, Y, Y, Y, N],
  // A new post publishes as the handle: post and send-without-approval; with post alone it is submitted.
  createPost: /*                            */ [Y, Y, N, N, N],
  submitPost: /*                            */ [Y, Y, N, N, N],
  changeScheduledPost: /*                   */ [Y, Y, N, N, N],
};
/** A repost publishes on the handle's timeline: only roles with post on the handle. */
const REPOST_MATRIX: boolean[] = [Y, Y, N, N, N];
const READ_MATRIX: Record<ReadName, boolean[]> = {
  getTeam: /*                               */ [Y, Y, Y, Y, Y],
  listMembers: /*                           */ [Y, Y, Y, Y, Y],
  listRoles: /*                             */ [Y, Y, Y, Y, Y],
  listInvites: /*                           */ [Y, Y, N, N, N],
  auditLog: /*                              */ [Y, Y, N, N, Y],
  // A Trainee sees the timeline of the cases given to them only (this one is nobody's).
  caseTimeline: /*                          */ [Y, Y, Y, N, Y],
  // Everyone who views the handle; who sees which approvals is the read's own business.
  listApprovals: /*                         */ [Y, Y, Y, Y, Y],
  // view-reports on the handle: Owner, Admin and Viewer.
  reports: /*                               */ [Y, Y, N, N, Y],
  // Everyone who views the handle sees what it will post.
  scheduledPosts: /*                        */ [Y, Y, Y, Y, Y],
  // And what it sent today, to price the day's spend in its column headers.
  daySends: /*                              */ [Y, Y, Y, Y, Y],
};
const READ_ARGS: Partial<Record<ReadName, unknown>> = { caseTimeline: { handleId: HANDLE, postId: '7000' }, listApprovals: { handleId: HANDLE }, reports: { from: 0, to: 86_400_000 }, scheduledPosts: { handleId: HANDLE }, daySends: { handleId: HANDLE, from: 0, to: 86_400_000 } };

describe.each(HUB_ENGINES)('permission matrix on $name', (engine) => {
  let rig: Rig;
  let boss: Desktop;
  const actors = new Map<PresetRoleId, { memberId: string; desktop: Desktop }>();
  let targetId = '';
  let cell = 0;

  beforeAll(async () => {
    rig = await startRig(await engine.freshStore());
    const team = await teamWith(
      rig,
      HANDLE,
      [...PRESET_ROLE_IDS.map((role) => ({ name: `A ${role}`, teamRole: role, handleRole: role })), { name: 'Target', teamRole: null, handleRole: 'agent' }],
    );
    boss = team.owner;
    PRESET_ROLE_IDS.forEach((role, index) => {
      const member = team.members[index];
      if (member) actors.set(role, member);
    });
    targetId = team.members.at(-1)?.memberId ?? '';
  });
  afterAll(() => rig.close());

  /** Arguments that succeed when the actor may act, prepared by the team's first Owner. */
  async function argsFor(intent: IntentName, actorId: string): Promise<unknown> {
    cell += 1;
    switch (intent) {
      case 'createInvite':
        return { handleRoles: { [HANDLE]: 'viewer' } };
      case 'revokeInvite': {
        const invite = await boss.intent('createInvite', {});
        if (invite.outcome !== 'applied') throw new Error('prep');
        return { inviteId: (invite.result as { inviteId: string }).inviteId };
      }
      case 'setMemberRole':
        return { memberId: targetId, handleId: HANDLE, roleId: cell % 2 ? 'viewer' : 'agent' };
      case 'removeMember': {
        const answer = await rig.join(inviteCodeOf(await boss.intent('createInvite', {})), `Leaver ${cell}`);
        return { memberId: answer.body.memberId };
      }
      case 'saveRole':
        return { name: `Role ${cell}`, permissions: ['view'] };
      case 'deleteRole': {
        const saved = await boss.intent('saveRole', { name: `Doomed ${cell}`, permissions: ['view'] });
        if (saved.outcome !== 'applied') throw new Error('prep');
        return { roleId: (saved.result as { roleId: string }).roleId };
      }
      case 'connectHandle':
        return {};
      case 'addTeamColumn':
        return { handleId: HANDLE, columnId: `column-${cell}-matrix`, source: { kind: 'search', query: `acme ${cell}` } };
      case 'removeTeamColumn': {
        const columnId = `doomed-${cell}-matrix`;
        const added = await boss.intent('addTeamColumn', { handleId: HANDLE, columnId, source: { kind: 'mentions' } });
        if (added.outcome !== 'applied') throw new Error(`prep: ${JSON.stringify(added)}`);
        return { handleId: HANDLE, columnId };
      }
      case 'setColumnLayout': {
        const columnId = `laid-out-${cell}-matrix`;
        const added = await boss.intent('addTeamColumn', { handleId: HANDLE, columnId, source: { kind: 'mentions' } });
        if (added.outcome !== 'applied') throw new Error(`prep: ${JSON.stringify(added)}`);
        return { handleId: HANDLE, columnId, layout: { widthPx: 400, lastReadId: `${cell}` } };
      }
      case 'addPersonalColumn':
        return { handleId: HANDLE, columnId: `mine-${cell}-matrix`, source: { kind: 'search', query: `mine ${cell}` } };
      case 'removePersonalColumn': {
        // The actor's own column, put straight in the store (a Trainee may not add one, but may remove theirs).
        const columnId = `gone-${cell}-matrix`;
        await insertTeamColumn(rig.store.db, { id: columnId, handleId: HANDLE, title: 'Mine', source: { kind: 'mentions' }, ownerId: actorId }, actorId, rig.clock.now);
        return { handleId: HANDLE, columnId };
      }
      case 'linkDesktop':
        return {};
      case 'sendDm':
        return { handleId: HANDLE, conversationId: `7-9${cell}`, text: `Hello again (${cell})` };
      case 'sendReply':
        return { handleId: HANDLE, postId: `3000${cell}`, text: `Thanks for writing, ${cell}` };
      case 'submitReply':
        return { handleId: HANDLE, postId: `3100${cell}`, text: `Let me check that for you, ${cell}` };
      case 'decideApproval': {
        // A reply the Owner submitted, waiting: the actor rejects it (nothing goes to X).
        const submitted = await boss.intent('submitReply', { handleId: HANDLE, postId: `3200${cell}`, text: `Draft ${cell}` });
        if (submitted.outcome !== 'applied') throw new Error(`prep: ${JSON.stringify(submitted)}`);
        return { handleId: HANDLE, approvalId: (submitted.result as { approvalId: string }).approvalId, approve: false, note: 'Not yet' };
      }
      case 'updateProfile':
        return { displayName: `Renamed ${cell}`, initials: 'RN' };
      case 'assignPost':
        return { handleId: HANDLE, postId: `1000${cell}`, assigneeId: actorId, expectedVersion: 0 };
      case 'claimPost':
        return { handleId: HANDLE, postId: `2000${cell}` };
      case 'saveHandleTags':
        return { handleId: HANDLE, tags: ['refund', 'baggage', `tag${cell}`], requireOnResolve: false };
      case 'saveCaseSettings':
        return { handleId: HANDLE, settings: { autoAssign: { mode: 'round-robin', capacity: 3 + cell }, doNotEngage: [{ userId: `90${cell}`, username: `troll${cell}` }] } };
      case 'saveSavedReplies':
        return { handleId: HANDLE, replies: [{ id: `r${cell}`, name: `Refund ${cell}`, text: 'Hi {customer.name|there}, your refund is on its way.' }] };
      case 'tagCase': {
        const saved = await boss.intent('saveHandleTags', { handleId: HANDLE, tags: ['refund', 'baggage'] });
        if (saved.outcome !== 'applied') throw new Error('prep');
        return { handleId: HANDLE, postId: `6000${cell}`, tag: 'refund', on: true };
      }
      case 'addNote':
        return { handleId: HANDLE, postId: `5000${cell}`, text: `Customer is a frequent flyer (${cell})` };
      case 'setCaseStatus':
        return { handleId: HANDLE, postId: `4000${cell}`, status: 'resolved' };
      case 'mergeCases': {
        // Two cases of one customer, as the hub's ingest would have opened them.
        const [first, second] = [`8100${cell}`, `8200${cell}`];
        for (const postId of [first, second]) {
          await writeAssignment(rig.store.db, newCase(HANDLE, postId, { customerId: `77${cell}`, version: 1, messageIds: [postId] }), rig.clock.now);
          await joinCase(rig.store.db, HANDLE, postId, postId, rig.clock.now);
        }
        return { handleId: HANDLE, postId: second, intoPostId: first };
      }
      case 'engagePost':
        return { handleId: HANDLE, postId: `9100${cell}`, kind: 'like', on: true };
      case 'labelCustomer':
        return { handleId: HANDLE, customerId: `79${cell}`, label: 'VIP', on: true };
      case 'createPost':
        return { handleId: HANDLE, text: `Our winter timetable is out (${cell})`, sendAt: rig.clock.now + 3_600_000 };
      case 'submitPost':
        return { handleId: HANDLE, text: `Our summer sale starts (${cell})`, sendAt: null };
      case 'changeScheduledPost': {
        // A post the Owner scheduled: the actor cancels it before its time.
        const scheduled = await boss.intent('createPost', { handleId: HANDLE, text: `Maybe later (${cell})`, sendAt: rig.clock.now + 3_600_000 });
        if (scheduled.outcome !== 'applied') throw new Error(`prep: ${JSON.stringify(scheduled)}`);
        return { handleId: HANDLE, outboxId: (scheduled.result as { outboxId: string }).outboxId, action: 'cancel' };
      }
      case 'noteCustomer':
        return { handleId: HANDLE, customerId: `79${cell}`, text: `Flies weekly, prefers DMs (${cell})` };
      case 'splitCase': {
        // A follow-up that joined its customer's case.
        const [opened, later] = [`8300${cell}`, `8400${cell}`];
        await writeAssignment(rig.store.db, newCase(HANDLE, opened, { customerId: `78${cell}`, version: 1, messageIds: [opened, later] }), rig.clock.now);
        await joinCase(rig.store.db, HANDLE, opened, opened, rig.clock.now);
        await joinCase(rig.store.db, HANDLE, later, opened, rig.clock.now);
        return { handleId: HANDLE, postId: later };
      }
    }
  }

  const intentCells = INTENT_NAMES.flatMap((intent) => PRESET_ROLE_IDS.map((role, index) => ({ intent, role, allowed: INTENT_MATRIX[intent][index] })));
  it.each(intentCells)('$role × $intent → allowed: $allowed', async ({ intent, role, allowed }) => {
    const actor = actors.get(role);
    if (!actor) throw new Error('no actor');
    const result = await actor.desktop.intent(intent, await argsFor(intent, actor.memberId));
    if (allowed) {
      expect(result).toMatchObject({ outcome: 'applied', replayed: false });
      return;
    }
    expect(result).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    if (result.outcome !== 'refused') return;
    expect(result.reason).toMatch(/needs /);
    const logged = await rig.store.db.selectFrom('events').selectAll().where('actor_id', '=', actor.memberId).where('mutation_id', '=', result.id).executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ intent, outcome: 'refused', reason: result.reason });
  });

  const repostCells = PRESET_ROLE_IDS.map((role, index) => ({ role, allowed: REPOST_MATRIX[index] }));
  it.each(repostCells)('$role × engagePost (repost) → allowed: $allowed', async ({ role, allowed }) => {
    const actor = actors.get(role);
    if (!actor) throw new Error('no actor');
    cell += 1;
    const result = await actor.desktop.intent('engagePost', { handleId: HANDLE, postId: `9200${cell}`, kind: 'repost', on: true });
    if (allowed) expect(result).toMatchObject({ outcome: 'applied', replayed: false });
    else expect(result).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringMatching(/^Refused: .*needs (the post permission|reply)/) });
  });

  const readCells = READ_NAMES.flatMap((read) => PRESET_ROLE_IDS.map((role, index) => ({ read, role, allowed: READ_MATRIX[read][index] })));
  it.each(readCells)('$role × read $read → allowed: $allowed', async ({ read, role, allowed }) => {
    const actor = actors.get(role);
    if (!actor) throw new Error('no actor');
    const answer = await actor.desktop.read(read, READ_ARGS[read] ?? {});
    if (allowed) expect(answer).toMatchObject({ ok: true });
    else expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('the matrix covers every intent and read', () => {
    expect(Object.keys(INTENT_MATRIX).sort()).toEqual([...INTENT_NAMES].sort());
    expect(Object.keys(READ_MATRIX).sort()).toEqual([...READ_NAMES].sort());
  });
});

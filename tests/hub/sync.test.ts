// Sync at the hub: compare-and-set assignment, queued intents after a reconnect, idempotent
// replays, what each member receives (log entries, pokes, presence), and snapshots.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubMessage, LogEntry } from '../../src/shared/hub-protocol';
import { pruneEventsBefore } from '../../src/hub/queries/log';
import { HUB_ENGINES } from './engines';
import { addHandle, Desktop, startRig, teamWith, type Rig } from './hub-rig';

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe.each(HUB_ENGINES)('sync on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('two members claiming one post at once: exactly one wins, the other is told who has it', async () => {
    rig = await startRig(await engine.freshStore());
    const { members } = await teamWith(rig, 'acmeair', [
      { name: 'Ann Agent', handleRole: 'agent' },
      { name: 'Ben Agent', handleRole: 'agent' },
    ]);
    const [ann, ben] = members;
    if (!ann || !ben) throw new Error('members');
    for (let round = 0; round < 5; round++) {
      const postId = `90${round}`;
      const [a, b] = await Promise.all([
        ann.desktop.intent('assignPost', { handleId: 'acmeair', postId, assigneeId: ann.memberId, expectedVersion: 0 }),
        ben.desktop.intent('claimPost', { handleId: 'acmeair', postId, expectedVersion: 0 }),
      ]);
      const outcomes = [a.outcome, b.outcome].sort();
      expect(outcomes).toEqual(['applied', 'refused']);
      const loser = a.outcome === 'refused' ? a : b;
      const winnerName = a.outcome === 'applied' ? 'Ann Agent' : 'Ben Agent';
      expect(loser).toMatchObject({ code: 'conflict', reason: expect.stringContaining(`assigned to ${winnerName}`) });
      const row = await rig.store.db.selectFrom('assignments').selectAll().where('post_id', '=', postId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ assignee_id: a.outcome === 'applied' ? ann.memberId : ben.memberId, version: 1 });
    }
  });

  it('50 intents queued offline are each applied or refused with a reason on reconnect; a replay applies nothing twice', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, members } = await teamWith(rig, 'acmeair', [
      { name: 'Olga Offline', handleRole: 'agent' },
      { name: 'Carl Colleague', handleRole: 'agent' },
    ]);
    const [olga, carl] = members;
    if (!olga || !carl) throw new Error('members');
    olga.desktop.close();
    // While Olga is away (ten simulated minutes), Carl claims ten of the posts she will claim.
    for (let post = 1; post <= 10; post++) await carl.desktop.intent('claimPost', { handleId: 'acmeair', postId: `${post}` });
    rig.clock.now += 10 * 60_000;
    const queued = Array.from({ length: 50 }, (_, index) => ({ id: index + 1, name: 'claimPost', args: { handleId: 'acmeair', postId: `${index + 1}` } }));

    const back = await Desktop.connect(rig.hub.url, olga.credential, olga.desktop.clientId);
    const results = await back.push(queued);
    expect(results).toHaveLength(50);
    expect(results.filter((result) => result.outcome === 'applied')).toHaveLength(40);
    for (const refused of results.slice(0, 10)) expect(refused).toMatchObject({ outcome: 'refused', code: 'conflict', reason: expect.stringContaining('assigned to Carl Colleague') });
    // Both desktops, pulling the log, end up with the same assignments.
    const assignmentsSeenBy = async (desktop: Desktop) => {
      const log = await desktop.pull(0);
      if (log.type !== 'pullResult') throw new Error(JSON.stringify(log));
      const holder = new Map<string, string>();
      for (const entry of log.entries) if (entry.outcome === 'applied' && entry.intent === 'claimPost') holder.set((entry.args as { postId: string }).postId, entry.actorId);
      return [...holder].sort();
    };
    const atOlga = await assignmentsSeenBy(back);
    expect(atOlga).toHaveLength(50);
    expect(await assignmentsSeenBy(carl.desktop)).toEqual(atOlga);

    const eventsBefore = await rig.store.db.selectFrom('events').select('seq').execute();
    const versionBefore = await rig.store.db.selectFrom('spaces').select('version').where('id', '=', 'acmeair').executeTakeFirstOrThrow();
    const replay = await back.push(queued);
    expect(replay.map((result) => result.outcome)).toEqual(results.map((result) => result.outcome));
    expect(replay.every((result) => result.outcome !== 'error' && result.replayed)).toBe(true);
    expect(await rig.store.db.selectFrom('events').select('seq').execute()).toHaveLength(eventsBefore.length);
    expect(await rig.store.db.selectFrom('spaces').select('version').where('id', '=', 'acmeair').executeTakeFirstOrThrow()).toEqual(versionBefore);

    // A role taken away while offline: the next queued intent is refused, with the reason.
    back.close();
    await owner.intent('setMemberRole', { memberId: olga.memberId, handleId: 'acmeair', roleId: 'viewer' });
    const again = await Desktop.connect(rig.hub.url, olga.credential, olga.desktop.clientId);
    expect(await again.push([{ id: 51, name: 'assignPost', args: { handleId: 'acmeair', postId: '77', assigneeId: olga.memberId } }])).toEqual([
      { id: 51, outcome: 'refused', code: 'forbidden', reason: 'Refused: needs assign on acmeair.', replayed: false },
    ]);
    again.close();
  });

  it('a case status is set on the version one saw: a stale one is refused with where it stands; each change is logged as the case is now', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [{ name: 'Ana Agent', handleRole: 'agent' }]);
    const ana = members[0]!;
    expect(await ana.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: '700', status: 'pending', expectedVersion: 0 })).toMatchObject({
      outcome: 'applied',
      result: { handleId: 'acmeair', postId: '700', assigneeId: null, status: 'pending', version: 1 },
    });
    expect(await owner.intent('setCaseStatus', { handleId: 'acmeair', postId: '700', status: 'resolved', expectedVersion: 0 })).toMatchObject({
      outcome: 'refused',
      code: 'conflict',
      reason: "@acmeair's post 700 changed since you looked (it is pending now).",
    });
    expect(await owner.intent('claimPost', { handleId: 'acmeair', postId: '700', expectedVersion: 1 })).toMatchObject({ outcome: 'applied', result: { status: 'pending', version: 2 } });
    const log = await ana.desktop.pull(0);
    if (log.type !== 'pullResult') throw new Error(JSON.stringify(log));
    const cases = log.entries.filter((entry) => entry.intent === 'caseChanged').map((entry) => (entry.args as { case: unknown }).case);
    expect(cases).toMatchObject([
      { handleId: 'acmeair', postId: '700', assigneeId: null, status: 'pending', tags: [], version: 1 },
      { handleId: 'acmeair', postId: '700', assigneeId: ownerGrant.memberId, status: 'pending', tags: [], version: 2 },
    ]);
  });

  it('a member without view on a handle never receives its log entries, pokes or who views its posts', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [
      { name: 'Ana Acme', handleRole: 'agent' },
      { name: 'Nia Nimbus', handleRole: null },
    ]);
    const [ana, nia] = members;
    if (!ana || !nia) throw new Error('members');
    await addHandle(rig, 'nimbus', ownerGrant.memberId);
    await owner.intent('setMemberRole', { memberId: nia.memberId, handleId: 'nimbus', roleId: 'agent' });
    await settle();
    ana.desktop.received.length = 0;
    nia.desktop.received.length = 0;
    owner.received.length = 0;

    const onNimbus = await nia.desktop.intent('claimPost', { handleId: 'nimbus', postId: '5001' });
    expect(onNimbus.outcome).toBe('applied');
    const onAcme = await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '6001' });
    expect(onAcme.outcome).toBe('applied');
    nia.desktop.sendRaw(JSON.stringify({ type: 'presence', status: 'online', viewing: { handleId: 'nimbus', postId: '5001' } }));
    await settle();

    const pokes = (desktop: Desktop) => desktop.received.filter((message): message is Extract<HubMessage, { type: 'poke' }> => message.type === 'poke').map((poke) => poke.space);
    expect(pokes(ana.desktop)).toEqual(['acmeair']);
    expect(pokes(nia.desktop)).toEqual(['nimbus']);
    expect(pokes(owner).sort()).toEqual(['acmeair', 'nimbus']);
    const presenceAtAna = ana.desktop.received.filter((message) => message.type === 'presence' && message.memberId === nia.memberId);
    expect(presenceAtAna).toEqual([{ type: 'presence', memberId: nia.memberId, status: 'online', viewing: null }]);
    expect(owner.received).toContainEqual({ type: 'presence', memberId: nia.memberId, status: 'online', viewing: { handleId: 'nimbus', postId: '5001' } });

    const spacesOf = async (desktop: Desktop) => {
      const answer = await desktop.pull(0);
      if (answer.type !== 'pullResult') throw new Error(JSON.stringify(answer));
      return answer.entries;
    };
    const anaEntries: LogEntry[] = await spacesOf(ana.desktop);
    expect(anaEntries.some((entry) => entry.space === 'nimbus')).toBe(false);
    expect(anaEntries.some((entry) => entry.space === 'acmeair' && entry.intent === 'claimPost')).toBe(true);
    // The team's admin audit (invites, refusals) is for manage-team only.
    expect(anaEntries.some((entry) => entry.intent === 'createInvite')).toBe(false);
    expect((await spacesOf(owner)).some((entry) => entry.intent === 'createInvite')).toBe(true);
    expect((await spacesOf(nia.desktop)).some((entry) => entry.space === 'acmeair')).toBe(false);
  });

  it('a cursor older than the kept log gets a snapshot of what the member may see', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [{ name: 'Ana Acme', handleRole: 'agent' }]);
    const ana = members[0];
    if (!ana) throw new Error('members');
    await addHandle(rig, 'nimbus', ownerGrant.memberId);
    await owner.intent('claimPost', { handleId: 'nimbus', postId: '1' });
    await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '2' });
    const head = (await rig.store.db.selectFrom('team').select('seq_head').executeTakeFirstOrThrow()).seq_head;
    await pruneEventsBefore(rig.store.db, head);

    const answer = await ana.desktop.pull(1);
    expect(answer).toMatchObject({ type: 'snapshot', cursor: head });
    if (answer.type !== 'snapshot') return;
    expect(answer.snapshot.team.handles).toMatchObject([{ id: 'acmeair', username: 'acmeair', tags: [], tagRequiredOnResolve: false }]);
    expect(answer.snapshot.notes).toEqual([]);
    expect(answer.snapshot.assignments).toMatchObject([{ handleId: 'acmeair', postId: '2', assigneeId: ana.memberId, status: 'open', tags: [], version: 1 }]);
    expect(Object.keys(answer.snapshot.spaces).sort()).toEqual(['acmeair', 'team']);
    // A cursor inside the kept log still gets entries.
    expect(await ana.desktop.pull(head - 1)).toMatchObject({ type: 'pullResult' });
  });
});

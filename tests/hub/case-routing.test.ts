// Who takes a new case, at the hub: auto-assignment (round-robin with a capacity, nobody away, a
// queue that drains as agents free up or come back) and the handle's routing rules (each kind of
// condition: keywords, language, followers, verified, customer label, sentiment, priority; each
// action: priority, tags, a member or a role, do-not-engage), checked in the cases the hub writes.
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSettings } from '../../src/shared/case-settings';
import { DEFAULT_CASE_SETTINGS } from '../../src/shared/case-settings';
import { insertTeamColumn } from '../../src/hub/queries/team-columns';
import { postView } from '../helpers/posts';
import { eventually } from '../helpers/sandbox';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Desktop, type Rig } from './hub-rig';

const customerPost = (id: string, text: string, author: { id?: string; followersCount?: number; verified?: boolean } = {}, lang = 'en') =>
  postView({ id, authorId: author.id ?? `7${id}`, text, lang, createdAt: '2026-11-25T09:00:00.000Z' }, { id: author.id ?? `7${id}`, username: `customer_${id}`, ...author });

describe.each(HUB_ENGINES)('routing and auto-assignment on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  async function setUp(agents: string[]) {
    rig = await startRig(await engine.freshStore());
    const team = await teamWith(rig, 'acmeair', agents.map((name) => ({ name, handleRole: 'agent' })));
    // The Owner may answer too, but is away: auto-assignment passes them by.
    team.owner.sendRaw(JSON.stringify({ type: 'presence', status: 'away', viewing: null }));
    await insertTeamColumn(rig.store.db, { id: 'col-m', handleId: 'acmeair', title: 'Mentions', source: { kind: 'mentions' }, ownerId: null }, team.ownerGrant.memberId, rig.clock.now);
    const feed = rig.hub.feed;
    if (!feed) throw new Error('the rig hub has a feed');
    const save = async (settings: Partial<CaseSettings>) => expect(await team.owner.intent('saveCaseSettings', { handleId: 'acmeair', settings: { ...DEFAULT_CASE_SETTINGS, ...settings } })).toMatchObject({ outcome: 'applied' });
    return { ...team, feed, save };
  }

  const openBy = async () => {
    const rows = await rig.store.db.selectFrom('assignments').select(['assignee_id', 'status']).where('status', '!=', 'resolved').execute();
    const counts = new Map<string | null, number>();
    for (const row of rows) counts.set(row.assignee_id, (counts.get(row.assignee_id) ?? 0) + 1);
    return counts;
  };
  const away = (desktop: Desktop) => desktop.sendRaw(JSON.stringify({ type: 'presence', status: 'away', viewing: null }));

  it('30 new cases over three agents with capacity 5: five each in turn, none over capacity, the away agent skipped; the queue drains as cases resolve and agents return', async () => {
    const { members, feed, save } = await setUp(['Ada', 'Ben', 'Cy', 'Dee']);
    const [ada, ben, cy, dee] = members;
    if (!ada || !ben || !cy || !dee) throw new Error('members');
    away(dee.desktop);
    await save({ autoAssign: { mode: 'round-robin', capacity: 5 } });
    // The hub knows who is at work before the posts come in: Ada, Ben and Cy (the Owner and Dee are away).
    await eventually(() => [...rig.hub.connections.available()].sort().join() === [ada.memberId, ben.memberId, cy.memberId].sort().join(), 5_000, 'the hub to know who is away');

    const posts = Array.from({ length: 30 }, (_, index) => customerPost(`${5000 + index}`, `@AcmeAir help number ${index}`));
    await feed.logIngested('col-m', posts);
    const counts = await openBy();
    expect([counts.get(ada.memberId), counts.get(ben.memberId), counts.get(cy.memberId), counts.get(dee.memberId) ?? 0, counts.get(null)]).toEqual([5, 5, 5, 0, 15]);
    // In turn: each run of three cases went to Ada, Ben and Cy, one each.
    const inOrder = await rig.store.db.selectFrom('assignments').select(['post_id', 'assignee_id']).where('assignee_id', 'is not', null).orderBy('post_id').execute();
    for (let start = 0; start < 15; start += 3) expect(new Set(inOrder.slice(start, start + 3).map((row) => row.assignee_id))).toEqual(new Set([ada.memberId, ben.memberId, cy.memberId]));
    expect(inOrder.slice(3, 6).map((row) => row.assignee_id)).toEqual(inOrder.slice(0, 3).map((row) => row.assignee_id));
    // Each assignment reached the agent as a case change by the hub, with the post.
    const log = await ben.desktop.pull(0);
    if (log.type !== 'pullResult') throw new Error('pull');
    expect(log.entries.filter((entry) => entry.intent === 'caseChanged' && entry.actorId === 'hub' && (entry.args as { case: { assigneeId: string } }).case.assigneeId === ben.memberId)).toHaveLength(5);

    // Ada resolves one: exactly one queued case (the oldest) comes to her.
    const adas = await rig.store.db.selectFrom('assignments').select('post_id').where('assignee_id', '=', ada.memberId).orderBy('post_id').execute();
    expect(await ada.desktop.intent('setCaseStatus', { handleId: 'acmeair', postId: adas[0]?.post_id ?? '', status: 'resolved' })).toMatchObject({ outcome: 'applied' });
    // The queue drains right after the hub answered.
    const afterResolve = await eventually(async () => {
      const counts = await openBy();
      return counts.get(null) === 14 && counts;
    }, 5_000, 'the queue to drain one case');
    expect([afterResolve.get(ada.memberId), afterResolve.get(null)]).toEqual([5, 14]);
    expect((await rig.store.db.selectFrom('assignments').select('assignee_id').where('post_id', '=', '5015').executeTakeFirstOrThrow()).assignee_id).toBe(ada.memberId);

    // Dee comes back: the queue drains to her, up to her capacity.
    dee.desktop.sendRaw(JSON.stringify({ type: 'presence', status: 'online', viewing: null }));
    const afterReturn = await eventually(async () => {
      const counts = await openBy();
      return counts.get(dee.memberId) === 5 && counts;
    }, 5_000, 'the queue to drain to Dee');
    expect([afterReturn.get(dee.memberId), afterReturn.get(null)]).toEqual([5, 9]);
    for (const [assignee, count] of afterReturn) if (assignee !== null) expect(count).toBeLessThanOrEqual(5);
  });

  it('routing rules set priority and tags, give cases to a member or a role, and keep the team off do-not-engage accounts', async () => {
    const { owner, members, feed, save } = await setUp(['Ada', 'Ben']);
    const [ada, ben] = members;
    if (!ada || !ben) throw new Error('members');
    expect(await owner.intent('saveHandleTags', { handleId: 'acmeair', tags: ['refund', 'vip', 'angry'] })).toMatchObject({ outcome: 'applied' });
    // A rule naming a tag the handle does not have is refused, with why.
    expect(await owner.intent('saveCaseSettings', { handleId: 'acmeair', settings: { routing: [{ id: 'x', name: 'Bad', conditions: [], actions: [{ kind: 'tag', tags: ['nope'] }], stop: false }] } })).toMatchObject({
      outcome: 'refused',
      reason: 'Rule "Bad": @acmeair has no tag "nope"; add it to the handle\'s tags first.',
    });
    await save({
      doNotEngage: [{ userId: '666', username: 'troll' }],
      routing: [
        { id: 'spam', name: 'Spam', conditions: [{ kind: 'keywords', anyOf: ['crypto giveaway'] }], actions: [{ kind: 'doNotEngage' }], stop: true },
        { id: 'refunds', name: 'Refunds', conditions: [{ kind: 'keywords', anyOf: ['refund'] }], actions: [{ kind: 'tag', tags: ['refund'] }, { kind: 'priority', set: 'high' }], stop: false },
        { id: 'big', name: 'Reach', conditions: [{ kind: 'followers', atLeast: 100_000 }], actions: [{ kind: 'priority', set: 'urgent' }, { kind: 'tag', tags: ['vip'] }, { kind: 'assign', to: { memberId: ben.memberId } }], stop: false },
        { id: 'verified', name: 'Verified', conditions: [{ kind: 'verified', is: true }], actions: [{ kind: 'assign', to: { memberId: ada.memberId } }], stop: false },
        { id: 'spanish', name: 'Spanish', conditions: [{ kind: 'language', anyOf: ['es'] }], actions: [{ kind: 'assign', to: { roleId: 'agent' } }], stop: false },
        { id: 'angry', name: 'Angry', conditions: [{ kind: 'sentiment', anyOf: ['negative'] }, { kind: 'priority', atLeast: 40 }], actions: [{ kind: 'tag', tags: ['angry'] }], stop: false },
        { id: 'vips', name: 'VIPs', conditions: [{ kind: 'label', anyOf: ['VIP'] }], actions: [{ kind: 'priority', set: 'urgent' }, { kind: 'tag', tags: ['vip'] }], stop: false },
      ],
    });
    // A customer the team labelled VIP (labels are the team's, across handles).
    expect(await ada.desktop.intent('labelCustomer', { handleId: 'acmeair', customerId: '888', label: 'VIP', on: true })).toMatchObject({ outcome: 'applied' });
    await feed.logIngested('col-m', [
      customerPost('6001', '@AcmeAir I want a refund for my cancelled flight'),
      customerPost('6002', '@AcmeAir nice crew today', { followersCount: 250_000 }),
      customerPost('6003', '@AcmeAir quick question about seats', { verified: true }),
      customerPost('6004', '@AcmeAir ¿dónde está mi maleta?', {}, 'es'),
      customerPost('6005', '@AcmeAir crypto giveaway click here'),
      customerPost('6006', '@AcmeAir hello again', { id: '666' }),
      customerPost('6007', '@AcmeAir this is the worst service, my bag is lost and nobody answers'),
      customerPost('6008', '@AcmeAir can I change my seat?', { id: '888' }),
    ]);
    const rows = await rig.store.db.selectFrom('assignments').select(['post_id', 'assignee_id', 'priority', 'tags', 'do_not_engage']).orderBy('post_id').execute();
    const byPost = new Map(rows.map((row) => [row.post_id, { assignee: row.assignee_id, priority: row.priority, tags: JSON.parse(row.tags) as string[], dne: Number(row.do_not_engage) === 1 }]));
    expect(byPost.get('6001')).toMatchObject({ assignee: null, priority: 'high', tags: expect.arrayContaining(['refund']), dne: false });
    expect(byPost.get('6002')).toEqual({ assignee: ben.memberId, priority: 'urgent', tags: ['vip'], dne: false });
    expect(byPost.get('6003')).toMatchObject({ assignee: ada.memberId, dne: false });
    expect([ada.memberId, ben.memberId]).toContain(byPost.get('6004')?.assignee);
    expect(byPost.get('6005')).toMatchObject({ assignee: null, dne: true, tags: [] });
    expect(byPost.get('6006')).toMatchObject({ assignee: null, dne: true });
    expect(byPost.get('6007')).toMatchObject({ assignee: null, tags: ['angry'] });
    expect(byPost.get('6008')).toMatchObject({ priority: 'urgent', tags: ['vip'] });
    // Do-not-engage cases never enter the queue auto-assignment drains.
    await save({ autoAssign: { mode: 'balanced', capacity: 10 }, doNotEngage: [{ userId: '666', username: 'troll' }] });
    const drainedRows = () => rig.store.db.selectFrom('assignments').select(['post_id', 'assignee_id']).where('post_id', 'in', ['6005', '6006', '6001', '6007']).orderBy('post_id').execute();
    await eventually(async () => (await drainedRows()).filter((row) => row.assignee_id !== null).length >= 2, 5_000, 'the queue to drain');
    await new Promise((resolve) => setTimeout(resolve, 200)); // and nothing more after
    const drained = await drainedRows();
    expect(drained.map((row) => [row.post_id, row.assignee_id !== null])).toEqual([
      ['6001', true],
      ['6005', false],
      ['6006', false],
      ['6007', true],
    ]);
  });
});

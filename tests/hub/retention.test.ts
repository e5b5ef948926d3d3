// What the hub keeps: ingested posts leave its log after the retention (a desktop whose cursor is
// older starts from a snapshot that still holds each column's newest posts), members' intents stay
// as the audit log; and wrong setup codes are limited so an unclaimed hub cannot be guessed at.
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_ACTOR } from '../../src/shared/hub-protocol';
import { appendEvent, bumpSpace, takeNextSeq } from '../../src/hub/queries/log';
import { insertTeamColumn, keepNewPosts, pruneIngested } from '../../src/hub/queries/team-columns';
import { postView } from '../helpers/posts';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Rig } from './hub-rig';

const DAY = 86_400_000;

describe.each(HUB_ENGINES)('retention on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  /** What the ingest would log: one `ingested` entry for `ids`, at the rig's clock. */
  async function ingested(columnId: string, ids: string[]): Promise<void> {
    await rig.store.db.transaction().execute(async (trx) => {
      const seq = await takeNextSeq(trx);
      const posts = await keepNewPosts(trx, columnId, ids.map((id) => postView({ id, text: `post ${id}` })), seq);
      await appendEvent(trx, { seq, space: 'acmeair', audience: 'view-unassigned', actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, intent: 'ingested', args: { columnId, posts }, outcome: 'applied', reason: null, at: rig.clock.now });
      await bumpSpace(trx, 'acmeair');
    });
  }

  it('old ingested entries leave the log; an older cursor gets a snapshot with the newest posts; intents stay', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [{ name: 'Ana Agent', handleRole: 'agent' }]);
    const ana = members[0]!;
    await insertTeamColumn(rig.store.db, { id: 'col-retention', handleId: 'acmeair', title: 'Search: acme', source: { kind: 'search', query: 'acme' }, ownerId: null }, ownerGrant.memberId, rig.clock.now);
    await ingested('col-retention', ['1001', '1002']);
    expect(await owner.intent('claimPost', { handleId: 'acmeair', postId: '1001' })).toMatchObject({ outcome: 'applied' });
    const cursorBefore = (await rig.store.db.selectFrom('team').select('seq_head').executeTakeFirstOrThrow()).seq_head;
    rig.clock.now += 8 * DAY;
    await ingested('col-retention', ['1003']);

    expect(await pruneIngested(rig.store.db, rig.clock.now - 7 * DAY)).toBe(1);
    const intents = await rig.store.db.selectFrom('events').select('intent').execute();
    expect(intents.filter((row) => row.intent === 'ingested')).toHaveLength(1);
    expect(intents.some((row) => row.intent === 'claimPost')).toBe(true); // the audit log stays

    // Ana's desktop was last here before the pruned entry: it starts over from a snapshot.
    const answer = await ana.desktop.pull(1);
    expect(answer).toMatchObject({ type: 'snapshot' });
    if (answer.type !== 'snapshot') return;
    expect(answer.snapshot.columns.map((column) => column.id)).toEqual(['col-retention']);
    expect(answer.snapshot.recent).toEqual([{ columnId: 'col-retention', posts: [expect.objectContaining({ id: '1001' }), expect.objectContaining({ id: '1002' }), expect.objectContaining({ id: '1003' })] }]);
    // A cursor after the pruned part still gets the log.
    expect(await ana.desktop.pull(cursorBefore)).toMatchObject({ type: 'pullResult' });
    expect(await pruneIngested(rig.store.db, rig.clock.now - 7 * DAY)).toBe(0);
  });

  it('wrong setup codes are limited to a few a minute, and the right one then waits too', async () => {
    rig = await startRig(await engine.freshStore());
    const code = rig.hub.setupCode ?? '';
    for (let attempt = 0; attempt < 10; attempt++) expect((await rig.post('/claim', { setupCode: `WRONG${attempt}`, teamName: 'T', displayName: 'Mallory' })).status).toBe(403);
    const throttled = await rig.post('/claim', { setupCode: code, teamName: 'T', displayName: 'Olivia' });
    expect(throttled).toMatchObject({ status: 429, body: { code: 'too_many_attempts', message: expect.stringContaining('wait a minute') } });
    rig.clock.now += 61_000;
    expect((await rig.post('/claim', { setupCode: code, teamName: 'T', displayName: 'Olivia' })).status).toBe(201);
  });
});

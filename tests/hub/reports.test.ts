// The hub's `reports` read on a scripted morning: customer posts ingested at known times on the
// injected clock, replies sent through a real X API sandbox, a case claimed, tagged and resolved.
// The figures equal the expected ones on both engines, and only handles the member may view
// reports on are counted (an Agent has none: refused).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { insertTeamColumn } from '../../src/hub/queries/team-columns';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { Report, ReportGroup } from '../../src/shared/reports';
import { answerConsent } from '../helpers/consent';
import { postView } from '../helpers/posts';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { HUB_ENGINES } from './engines';
import { addHandle, Desktop, inviteCodeOf, startRig, type Rig } from './hub-rig';

const MIN = 60_000;
const at = (time: string) => Date.parse(`2026-11-25T${time}:00.000Z`);
const DAY = { from: at('00:00'), to: at('00:00') + 24 * 60 * MIN };
const hourly = (counts: Record<number, number>) => Array.from({ length: 24 }, (_, hour) => counts[hour] ?? 0);
const inMinutes = (group: ReportGroup | undefined) =>
  group && {
    firstResponse: [group.firstResponse.count, group.firstResponse.medianMs === null ? null : group.firstResponse.medianMs / MIN, group.firstResponse.p90Ms === null ? null : group.firstResponse.p90Ms / MIN],
    resolution: [group.resolution.count, group.resolution.medianMs === null ? null : group.resolution.medianMs / MIN],
  };
// Ingested on a column that searches for nothing: the hub's ingest never brings these posts itself.
const NOTHING = { kind: 'search' as const, query: 'zqxj-no-such-words' };

describe.each(HUB_ENGINES)('reports at the hub on $name', (engine) => {
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

  async function member(owner: Desktop, name: string, handleRoles: Record<string, string>) {
    const joined = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles })), name);
    return { memberId: joined.body.memberId ?? '', desktop: await Desktop.connect(rig.hub.url, joined.body.credential ?? '', `${name.replace(/\W/g, '')}-desktop`) };
  }

  it('counts a scripted morning: volume, first response and resolution, SLA hit rate, backlog, per handle, agent and tag', async () => {
    const ownerGrant = await rig.claim();
    const owner = await Desktop.connect(rig.hub.url, ownerGrant.credential, 'owner-desktop');
    const started = await owner.intent('connectHandle', {});
    if (started.outcome !== 'applied') throw new Error(JSON.stringify(started));
    await answerConsent((started.result as { authorizeUrl: string }).authorizeUrl, 'AcmeAir');
    const acme = await eventually(async () => {
      const answer = await owner.pull(0);
      return answer.type === 'pullResult' ? answer.entries.map((entry) => (entry.intent === 'handleConnected' ? (entry.args as { handle: { id: string } }).handle.id : undefined)).find(Boolean) : undefined;
    }, 5_000, '@AcmeAir to be connected');
    await addHandle(rig, 'nimbus', ownerGrant.memberId);
    await insertTeamColumn(rig.store.db, { id: 'col-acme', handleId: acme, title: 'Care', source: NOTHING, ownerId: null }, ownerGrant.memberId, rig.clock.now);
    await insertTeamColumn(rig.store.db, { id: 'col-nimbus', handleId: 'nimbus', title: 'Care', source: NOTHING, ownerId: null }, ownerGrant.memberId, rig.clock.now);
    const sla = { firstResponseMinutes: 60, nextResponseMinutes: 240, timeZone: 'UTC', businessHours: null, holidays: [] };
    expect(await owner.intent('saveCaseSettings', { handleId: acme, settings: { sla, autoAssign: { mode: 'off', capacity: 10 } } })).toMatchObject({ outcome: 'applied' });
    expect(await owner.intent('saveHandleTags', { handleId: acme, tags: ['refund'] })).toMatchObject({ outcome: 'applied' });
    const ana = await member(owner, 'Ana Agent', { [acme]: 'agent' });
    const vera = await member(owner, 'Vera Viewer', { [acme]: 'viewer' });
    const feed = rig.hub.feed;
    if (!feed) throw new Error('the rig hub has a feed');
    const admin = sandboxAdmin(sandbox.url);
    const [bag, refund] = [await admin.createPost({ author: 'casey_customer', text: '@AcmeAir my bag never arrived' }), await admin.createPost({ author: 'dana_customer', text: '@AcmeAir I want my money back' })];
    const customerPost = (id: string, authorId: string, time: string) => postView({ id, authorId, createdAt: new Date(at(time)).toISOString() }, { id: authorId, username: `customer_${authorId}` });
    const reply = async (postId: string, text: string) => expect(await ana.desktop.intent('sendReply', { handleId: acme, postId, text })).toMatchObject({ outcome: 'applied', result: { status: 'sent' } });

    // 09:00 Casey writes; 09:20 Ana answers (20 min, on time). 09:30 Dana writes; Ana takes it and tags it.
    rig.clock.now = at('09:00');
    await feed.logIngested('col-acme', [customerPost(bag.id, '7', '09:00')]);
    rig.clock.now = at('09:20');
    await reply(bag.id, 'Sorry Casey, we are on it.');
    rig.clock.now = at('09:30');
    await feed.logIngested('col-acme', [customerPost(refund.id, '8', '09:30')]);
    await ana.desktop.intent('claimPost', { handleId: acme, postId: refund.id });
    await ana.desktop.intent('tagCase', { handleId: acme, postId: refund.id, tag: 'refund', on: true });
    // 10:00 Casey's case is resolved (an hour after it opened); a customer writes to @nimbus.
    rig.clock.now = at('10:00');
    expect(await ana.desktop.intent('setCaseStatus', { handleId: acme, postId: bag.id, status: 'resolved' })).toMatchObject({ outcome: 'applied' });
    await feed.logIngested('col-nimbus', [customerPost('5001', '9', '10:00')]);
    // 11:00 Ana answers Dana: 90 min, past the hour the SLA gives.
    rig.clock.now = at('11:00');
    await reply(refund.id, 'Your refund is on its way, Dana.');
    rig.clock.now = at('12:00');

    const read = async (desktop: Desktop, args: object) => {
      const answer = await desktop.read('reports', args);
      if (!answer.ok) throw new Error(answer.message);
      return answer.value as Report;
    };
    const report = await read(owner, DAY);
    expect(report.byHandle.map((group) => group.label)).toEqual(['@AcmeAir', '@nimbus']);
    const [acmeFigures, nimbusFigures] = report.byHandle;
    expect(acmeFigures).toMatchObject({ key: acme, volumeIn: 2, volumeOut: 2, sla: { met: 1, missed: 1, hitRate: 0.5 }, backlog: hourly({ 9: 1, 10: 1 }) });
    expect(inMinutes(acmeFigures)).toEqual({ firstResponse: [2, 55, 83], resolution: [1, 60] });
    expect(nimbusFigures).toMatchObject({ volumeIn: 1, volumeOut: 0, sla: { met: 0, missed: 0, hitRate: null }, backlog: hourly(Object.fromEntries(Array.from({ length: 14 }, (_, index) => [10 + index, 1]))) });

    expect(report.byAgent.map((group) => group.label)).toEqual(['Ana Agent', 'Unassigned']);
    expect(report.byAgent[0]).toMatchObject({ key: ana.memberId, volumeIn: 1, volumeOut: 2, sla: { met: 0, missed: 1, hitRate: 0 } });
    expect(inMinutes(report.byAgent[0])).toEqual({ firstResponse: [2, 55, 83], resolution: [0, null] });
    expect(report.byAgent[1]).toMatchObject({ key: '', volumeIn: 2, volumeOut: 0, sla: { met: 1, missed: 0, hitRate: 1 } });
    expect(inMinutes(report.byAgent[1])).toEqual({ firstResponse: [0, null, null], resolution: [1, 60] });

    expect(report.byTag.map((group) => group.label)).toEqual(['refund', 'No tag']);
    expect(report.byTag[0]).toMatchObject({ volumeIn: 1, volumeOut: 1, sla: { met: 0, missed: 1 }, backlog: hourly({ 10: 1 }) });
    expect(report.byTag[1]).toMatchObject({ volumeIn: 2, volumeOut: 1, sla: { met: 1, missed: 0 } });

    // One handle asked for: only it is counted.
    expect((await read(owner, { ...DAY, handleId: 'nimbus' })).byHandle.map((group) => group.key)).toEqual(['nimbus']);
    // A Viewer of @AcmeAir alone sees @AcmeAir alone; asking for @nimbus is refused, as is an Agent (no view-reports).
    const seenByVera = await read(vera.desktop, DAY);
    expect(seenByVera.byHandle.map((group) => group.key)).toEqual([acme]);
    expect(seenByVera.byAgent.find((group) => group.key === '')).toMatchObject({ volumeIn: 1 });
    expect(await vera.desktop.read('reports', { ...DAY, handleId: 'nimbus' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await ana.desktop.read('reports', DAY)).toMatchObject({ ok: false, code: 'forbidden', message: 'Refused: reports need view-reports on the handle.' });
    expect(await owner.read('reports', { from: DAY.to, to: DAY.from })).toMatchObject({ ok: false, code: 'invalid_input', message: expect.stringContaining('must end after it starts') });
  }, 60_000);
});

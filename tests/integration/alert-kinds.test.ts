// The alert kinds beyond keywords, end to end in a real core on the real X API sandbox: a priority
// rule hears a customer's negative complaint (assessed as it is stored) and not a calm question; a
// label rule hears a customer labelled VIP and not another one; and on a team desktop, an SLA breach
// rule hears an open case on a team handle once its first-response time has run out on the
// desktop's clock (a ManualClock, moved by the test), not before, and only once however often the
// breach check looks again. The team part runs under scripts/with-keyring.sh (member credentials).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { BREACH_CHECK_MS } from '../../src/main/core/alerts/alert-watch';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { AlertRule, AlertView } from '../../src/shared/alerts';
import { ManualClock } from '../../src/shared/clock';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import type { SlaPolicyInput } from '../../src/shared/sla';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import type { TestDesktop } from '../helpers/team-desktop';
import { connectTeamHandle, useTeamRig } from '../helpers/team-hub';
import { silentLogger, tempDir } from '../helpers/temp';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('SLA breach alert test skipped: no Secret Service here; run it through scripts/with-keyring.sh (npm test does)');

const flags = { enabled: true, sound: false, digest: false };
/** Time for an alert that should not come to have come, had the core raised it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/** The alerts a core publishes to its renderers, as they come. */
function alertsOf(core: Core): AlertView[] {
  const heard: AlertView[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'alert') heard.push(payload as AlertView);
  });
  return heard;
}

describe('priority and customer-label alerts on a desktop alone', () => {
  let sandbox: RunningSandbox;
  let core: Core;
  let heard: AlertView[];
  const dataDir = tempDir();

  const ok = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
    const answer = (await core.dispatch(method, input, SOLO_AGENT)) as Envelope<CommandResult<K>>;
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({});
    core = createCore({
      dataDir: dataDir.path,
      secrets: new MemorySecretStore(),
      preferences: new MemoryPreferenceStore(),
      logger: silentLogger,
      xApiBase: sandbox.url,
      demo: { sandboxUrl: sandbox.url },
      pollIntervalMs: 200,
    });
    heard = alertsOf(core);
    await core.start();
  });

  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    dataDir.remove();
  });

  it('a priority rule hears the urgent complaint, a VIP rule hears the VIP; the others raise nothing', async () => {
    const MIN_PRIORITY = 50;
    const rules: AlertRule[] = [
      { id: 'urgent', kind: 'priority', minPriority: MIN_PRIORITY, ...flags },
      { id: 'vip', kind: 'label', label: 'VIP', ...flags, sound: true },
    ];
    expect(await ok('saveAlertRules', { rules })).toEqual(rules);

    const acme = (await ok('listAccounts', {})).find((account) => account.username === 'AcmeAir');
    if (!acme) throw new Error('the demo workspace has @AcmeAir');
    const column = await ok('createColumn', { kind: 'search', accountId: acme.id, query: 'alertkinds' });
    await eventually(async () => (await ok('listColumnStatuses', {})).some((status) => status.columnId === column.id && status.state !== 'connecting'), 10_000, 'the column connected');

    // Vera is labelled VIP before she writes (the label is this desktop's own, alone); Pete carries none.
    const admin = sandboxAdmin(sandbox.url);
    const vera = await admin.createUser({ username: 'alert_vera', name: 'Vera Lind' });
    await admin.createUser({ username: 'alert_pete', name: 'Pete Plain' });
    expect(await ok('labelCustomer', { accountId: acme.id, customerId: vera.id, label: 'VIP', on: true })).toEqual(['VIP']);

    const complaint = await admin.createPost({ author: 'alert_ann', text: '@AcmeAir alertkinds my flight was cancelled, I am stranded and furious, worst service ever, refund my booking AB1234 now' });
    const question = await admin.createPost({ author: 'alert_carl', text: '@AcmeAir alertkinds what time does boarding start for flight 12?' });
    const fromVip = await admin.createPost({ author: 'alert_vera', text: '@AcmeAir alertkinds could you tell me when boarding starts for flight 12?' });
    const fromPlain = await admin.createPost({ author: 'alert_pete', text: '@AcmeAir alertkinds could you tell me when boarding starts for flight 14?' });
    const ids = [complaint.id, question.id, fromVip.id, fromPlain.id];
    const posts = await eventually(async () => {
      const listed = (await ok('listColumnPosts', { columnId: column.id, limit: 50 })).filter((post) => ids.includes(post.id));
      return listed.length === ids.length ? listed : undefined;
    }, 10_000, 'the four posts in the column');

    // The assessment the rule reads, as the core stored it: the complaint is negative and urgent, the rest is not.
    const assessed = (id: string) => posts.find((post) => post.id === id)?.assessment;
    expect(assessed(complaint.id)).toMatchObject({ sentiment: 'negative', priority: expect.any(Number) });
    expect(assessed(complaint.id)?.priority).toBeGreaterThanOrEqual(MIN_PRIORITY);
    for (const id of [question.id, fromVip.id, fromPlain.id]) expect(assessed(id)?.priority).toBeLessThan(MIN_PRIORITY);

    await eventually(() => heard.length >= 2, 5_000, 'two alerts');
    await settle();
    // The posts may come in one batch or several, in either order: the alerts are compared by rule.
    const ours = heard.filter((alert) => ids.includes(alert.subjectId)).sort((x, y) => x.ruleId.localeCompare(y.ruleId));
    expect(ours).toEqual([
      expect.objectContaining({ ruleId: 'urgent', rule: `Priority ${MIN_PRIORITY} or above`, kind: 'post', subjectId: complaint.id, handleId: acme.id, author: '@alert_ann', sound: false }),
      expect.objectContaining({ ruleId: 'vip', rule: 'Customer labelled VIP', kind: 'post', subjectId: fromVip.id, handleId: acme.id, author: '@alert_vera', sound: true, link: `https://x.com/alert_vera/status/${fromVip.id}` }),
    ]);
  });
});

describe.skipIf(!keyring)('SLA breach alerts on a team desktop', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('an open case on a team handle with an SLA alerts once its first-response time ran out, not before, and once', async () => {
    // The desktop's clock starts now (the hub stamps the case with the real time) and moves only when told.
    const clock = new ManualClock(Date.now());
    const a: TestDesktop = await rig.desktop({ clock });
    const heard = alertsOf(a.core);
    await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
    await connectTeamHandle(a, 'AcmeAir');
    const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir to be a team handle');

    // A first response is due within 10 minutes, around the clock.
    const FIRST_RESPONSE_MINUTES = 10;
    const sla: SlaPolicyInput = { firstResponseMinutes: FIRST_RESPONSE_MINUTES, nextResponseMinutes: 60, warnBeforeMinutes: 2, timeZone: 'UTC', businessHours: null, holidays: [] };
    await a.ok('saveCaseSettings', { accountId: acme.id, settings: { sla, autoAssign: { mode: 'off' } } });
    await eventually(async () => (await a.team()).handles.find((handle) => handle.id === acme.id)?.caseSettings?.sla?.firstResponseMinutes === FIRST_RESPONSE_MINUTES, 5_000, 'the SLA at the desktop');
    const rules: AlertRule[] = [{ id: 'breach', kind: 'slaBreach', ...flags, sound: true }];
    expect(await a.ok('saveAlertRules', { rules })).toEqual(rules);

    await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'alertsla' });
    const post = await sandboxAdmin(rig.sandbox.url).createPost({ author: 'alert_sla_sam', text: '@AcmeAir alertsla my bag did not arrive' });
    const opened = await eventually(async () => (await a.ok('listAssignments', {})).find((item) => item.postId === post.id && item.status === 'open'), 15_000, 'the case open at the desktop');
    if (opened.waitingSince === null) throw new Error('an open case waits since the post');
    const dueAt = opened.waitingSince + FIRST_RESPONSE_MINUTES * 60_000;
    const breaches = () => heard.filter((alert) => alert.kind === 'slaBreach');

    // Up to a second before it is due, with the breach check looking every 30 s on the way: nothing.
    clock.advance(dueAt - 1_000 - clock.now());
    await settle();
    expect(breaches()).toEqual([]);

    // Past due: the next check (within two periods) raises it, once.
    clock.advance(2 * BREACH_CHECK_MS);
    await eventually(() => breaches().length > 0, 5_000, 'the SLA breach alert');
    expect(breaches()).toEqual([
      expect.objectContaining({
        ruleId: 'breach',
        rule: 'SLA breach (first response)',
        kind: 'slaBreach',
        subjectId: `${acme.id}/${post.id}`,
        handleId: acme.id,
        author: '@alert_sla_sam',
        text: '@AcmeAir alertsla my bag did not arrive',
        sound: true,
        link: `https://x.com/alert_sla_sam/status/${post.id}`,
      }),
    ]);
    expect(breaches()[0]?.at).toBeGreaterThan(dueAt);

    // The check looks again and again while the case stays unanswered: still one alert.
    clock.advance(10 * BREACH_CHECK_MS);
    await settle();
    expect(breaches()).toHaveLength(1);
    expect(heard).toHaveLength(1);
  });
});

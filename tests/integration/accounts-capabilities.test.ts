// What the X app's access allows, learned from X's answers: an app whose access has no filtered
// stream (sandbox --no-stream --tier basic) is told so in settings, with its usage, and its columns poll.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccountsWorkspace, type AccountsWorkspace } from '../helpers/accounts-workspace';
import { startSandboxCli, type Started } from '../helpers/processes';
import { sandboxAdmin } from '../helpers/sandbox';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('capability tests skipped: the app Bearer token needs a Secret Service; run them through scripts/with-keyring.sh');

describe.skipIf(!keyring)('the X app capabilities shown in account settings', () => {
  let sandbox: Started;
  let ws: AccountsWorkspace;

  beforeAll(async () => {
    sandbox = await startSandboxCli(['--no-stream', '--tier', 'basic']); // basic: a monthly cap to report
    ws = await openAccountsWorkspace({ sandboxUrl: sandbox.match[1]!, clientId: `deckhand-cap-${randomUUID().slice(0, 8)}` });
  }, 40_000);

  afterAll(async () => {
    await ws?.close();
    await sandbox?.stop();
  });

  it('without a Bearer token: no usage, and columns poll', async () => {
    const capabilities = await ws.ok('getXAppCapabilities', {});
    expect(capabilities).toMatchObject({ columnSource: 'polling', usage: null, usageProblem: expect.stringContaining('No app Bearer token') });
  });

  it("with a Bearer token on access without the stream: X's refusal is shown, usage is read, columns poll", async () => {
    await ws.ok('saveXAppSettings', { bearerToken: await sandboxAdmin(sandbox.match[1]!).appToken() });
    expect((await ws.ok('getXAppSettings', {})).restartNeeded).toBe(true);
    await ws.restart();
    const capabilities = await ws.ok('getXAppCapabilities', {});
    expect(capabilities).toMatchObject({ stream: 'unavailable', columnSource: 'polling', usageProblem: null });
    expect(capabilities.detail).toContain('403');
    expect(capabilities.usage).toEqual({ projectUsage: expect.any(Number), projectCap: expect.any(Number), capResetDay: expect.any(Number) });
  });
});

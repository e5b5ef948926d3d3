// Brand handles in Chromium through the web host: a workspace with an X app configured, pointed at
// a sandbox process, tokens in the real keychain (npm run test:e2e runs under scripts/with-keyring.sh).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { registerSandboxApp } from '../helpers/consent';
import { freePort } from '../helpers/free-port';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';

interface XWorkspace {
  appUrl: string;
  admin: ReturnType<typeof sandboxAdmin>;
}

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
const KEYRING_NEEDED = 'needs a Secret Service: run through scripts/with-keyring.sh (npm run test:e2e does)';

/** A sandbox process and a web host on a fresh data dir that `configure` prepares (config.json). */
async function hostWorkspace(use: (workspace: XWorkspace) => Promise<void>, demo: boolean, configure: (sandboxUrl: string) => Promise<object>): Promise<void> {
  const dataDir = tempDir('deckhand-e2e-accounts-');
  let sandbox: Started | null = null;
  let host: Started | null = null;
  try {
    sandbox = await startSandboxCli();
    const sandboxUrl = sandbox.match[1]!;
    // The settings file as an admin left it (electron-store / conf format: dotted keys nest).
    writeFileSync(join(dataDir.path, 'config.json'), JSON.stringify(await configure(sandboxUrl)));
    host = await startWebHostCli([...(demo ? ['--demo', '--demo-solo'] : []), '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandboxUrl });
    await use({ appUrl: host.match[1]!, admin: sandboxAdmin(sandboxUrl) });
  } finally {
    await host?.stop();
    await sandbox?.stop();
    dataDir.remove();
  }
}

const test = base.extend<object, { xWorkspace: XWorkspace; demoWorkspace: XWorkspace }>({
  /** The demo workspace (sandbox tokens in memory), its callback on a free port. */
  // eslint-disable-next-line no-empty-pattern
  demoWorkspace: [async ({}, use) => hostWorkspace(use, true, async () => ({ x: { callbackPort: await freePort() } })), { scope: 'worker' }],
  /** A workspace with an X app configured (registered with the sandbox), tokens in the keychain. */
  xWorkspace: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) =>
      hostWorkspace(use, false, async (sandboxUrl) => {
        const clientId = `deckhand-e2e-${randomUUID().slice(0, 8)}`;
        const callbackPort = await freePort();
        await registerSandboxApp(sandboxUrl, { clientId, name: 'Deckhand', redirectUris: [`http://127.0.0.1:${callbackPort}/callback`] });
        return { x: { clientId, callbackPort } };
      }),
    { scope: 'worker' },
  ],
});

async function connectHandle(page: Page, context: BrowserContext, username: string): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Accounts' });
  const [consent] = await Promise.all([context.waitForEvent('page'), panel.getByRole('button', { name: 'Connect X account' }).click()]);
  await expect(consent.getByText('wants to access your X account')).toBeVisible();
  await consent.getByRole('textbox', { name: 'Username' }).fill(username);
  await consent.getByRole('button', { name: 'Authorize app' }).click();
  await expect(consent.getByRole('heading', { name: `@${username} is connected` })).toBeVisible();
  await consent.close();
  await expect(panel.getByRole('listitem', { name: `@${username}` })).toBeVisible();
}

test('the demo workspace connects a handle through its sandbox consent page and keeps the tokens in memory', async ({ page, context, demoWorkspace }) => {
  await page.goto(demoWorkspace.appUrl);
  await page.getByRole('button', { name: 'Accounts' }).click();
  const panel = page.getByRole('dialog', { name: 'Accounts' });
  await expect(panel.getByText('Demo workspace: the sandbox tokens are kept in memory only')).toBeVisible();
  await expect(panel.getByRole('listitem', { name: '@AcmeAir' })).toBeVisible();
  await connectHandle(page, context, 'GlobexSupport');
  await expect(page.getByRole('banner').getByRole('combobox', { name: 'Account' }).getByRole('option', { name: '@GlobexSupport' })).toHaveCount(1);
});

test('an admin connects two handles, agents reply as each, and removing one revokes its tokens', async ({ page, context, xWorkspace }) => {
  test.skip(!keyring, KEYRING_NEEDED);
  const { admin } = xWorkspace;
  await page.goto(xWorkspace.appUrl);
  await page.getByRole('button', { name: 'Accounts' }).click();
  const panel = page.getByRole('dialog', { name: 'Accounts' });
  await expect(panel.getByText('Tokens are kept only in the OS keychain')).toBeVisible();
  await connectHandle(page, context, 'AcmeAir');
  await connectHandle(page, context, 'NimbusMobile');
  await expect(panel.getByRole('list', { name: 'Connected accounts' }).getByRole('listitem')).toHaveCount(2);

  // Connecting the same handle again is refused, clearly.
  const [again] = await Promise.all([context.waitForEvent('page'), panel.getByRole('button', { name: 'Connect X account' }).click()]);
  await again.getByRole('textbox', { name: 'Username' }).fill('AcmeAir');
  await again.getByRole('button', { name: 'Authorize app' }).click();
  await expect(again.getByText('@AcmeAir is already connected')).toBeVisible();
  await again.close();
  await expect(panel.getByRole('alert').filter({ hasText: '@AcmeAir is already connected' })).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();

  // The header's switcher lists both; a column works as the chosen handle.
  const switcher = page.getByRole('banner').getByRole('combobox', { name: 'Account' });
  await expect(switcher.getByRole('option')).toHaveText(['@AcmeAir', '@NimbusMobile']);
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('combobox', { name: 'Account' }).selectOption({ label: '@AcmeAir' });
  await dialog.getByRole('textbox', { name: 'Search query' }).fill('e2eboth');
  await dialog.getByRole('button', { name: 'Create column' }).click();
  const column = page.getByRole('region', { name: 'Search: e2eboth' });
  await expect(column).toBeVisible();

  // Each reply defaults to the handle the post was addressed to.
  for (const handle of ['AcmeAir', 'NimbusMobile']) {
    const { id } = await admin.createPost({ author: 'maria_flies', text: `@${handle} e2eboth question for ${handle}` });
    const post = column.getByRole('article').filter({ hasText: `question for ${handle}` });
    await expect(post).toBeVisible({ timeout: 10_000 });
    await post.getByRole('button', { name: 'Reply' }).click();
    const composer = page.getByRole('complementary', { name: 'Reply to @maria_flies' });
    await expect(composer.getByRole('combobox', { name: 'Account' }).locator('option:checked')).toHaveText(`@${handle}`);
    await page.getByRole('textbox', { name: 'Reply text' }).fill(`@maria_flies ${handle} here, on it.`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Reply sent as @${handle}` })).toBeVisible();
    const reply = await eventually(async () => (await admin.postsBy(handle)).find((p) => p.in_reply_to_post_id === id), 5_000, `the reply by @${handle}`);
    expect(reply.text).toContain(`${handle} here, on it.`);
  }

  // Remove @NimbusMobile, keeping nothing.
  const nimbusTokens = (await admin.tokens()).filter((t) => t.username === 'NimbusMobile' && !t.revoked);
  expect(nimbusTokens.length).toBe(2);
  const revokesBefore = (await admin.requests()).filter((r) => r.method === 'POST' && r.path === '/2/oauth2/revoke').length;
  await page.getByRole('button', { name: 'Accounts' }).click();
  await panel.getByRole('listitem', { name: '@NimbusMobile' }).getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove @NimbusMobile' });
  await confirm.getByRole('radio', { name: 'Delete them' }).check();
  await confirm.getByRole('button', { name: 'Remove @NimbusMobile' }).click();
  await expect(panel.getByRole('listitem', { name: '@NimbusMobile' })).toHaveCount(0);
  await expect(panel.getByRole('listitem', { name: '@AcmeAir' })).toBeVisible();

  const revokes = (await admin.requests()).filter((r) => r.method === 'POST' && r.path === '/2/oauth2/revoke');
  expect(revokes.length - revokesBefore).toBe(2);
  const after = await admin.tokens();
  for (const token of nimbusTokens) expect(after.find((t) => t.token === token.token)?.revoked).toBe(true);
});

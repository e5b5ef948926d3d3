// Two people and their team, in Chromium: a sandbox for X, one hub, and two web hosts with their
// own data dirs. The owner creates the team, connects @AcmeAir through the hub and invites; the
// agent joins with the link. Each step is checked as the people would see it.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { startHubCli, startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';

export interface Desktop {
  page: Page;
  close(): Promise<void>;
}

export interface TeamOfTwo {
  sandboxUrl: string;
  admin: ReturnType<typeof sandboxAdmin>;
  hub: Started & { url: string };
  owner: Desktop;
  agent: Desktop;
  /** Each one's Team panel, left open. */
  ownerPanel: Locator;
  agentPanel: Locator;
  stop(): Promise<void>;
}

export interface TeamOfTwoOptions {
  ownerName: string;
  agentName: string;
  /** Runs on a desktop's page before the app loads (a stand-in for the Notification API, say). */
  prepareAgent?: (page: Page) => Promise<void>;
}

async function openDesktop(browser: Browser, appUrl: string, prepare?: (page: Page) => Promise<void>): Promise<Desktop> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await prepare?.(page);
  await page.goto(appUrl);
  return { page, close: () => context.close() };
}

export async function openTeamPanel(page: Page): Promise<Locator> {
  await page.getByRole('banner').getByRole('button', { name: 'Team' }).click();
  const panel = page.getByRole('dialog', { name: /^Team/ });
  await expect(panel).toBeVisible();
  return panel;
}

/** The owner's desktop is the demo workspace (@AcmeAir among its handles); the agent's starts empty. */
export async function startTeamOfTwo(browser: Browser, options: TeamOfTwoOptions): Promise<TeamOfTwo> {
  const dirs = [tempDir('deckhand-e2e-team-owner-'), tempDir('deckhand-e2e-team-agent-'), tempDir('deckhand-e2e-team-hub-')];
  const [ownerData, agentData, hubData] = dirs as [ReturnType<typeof tempDir>, ReturnType<typeof tempDir>, ReturnType<typeof tempDir>];
  const started: Started[] = [];
  const desktops: Desktop[] = [];
  const stop = async () => {
    for (const desktop of desktops) await desktop.close();
    for (const child of started.reverse()) await child.stop();
    for (const dir of dirs) dir.remove();
  };
  try {
    const sandbox = await startSandboxCli();
    started.push(sandbox);
    const sandboxUrl = sandbox.match[1]!;
    const admin = sandboxAdmin(sandboxUrl);
    const hub = await startHubCli(['--db', join(hubData.path, 'hub.sqlite')], {
      DECKHAND_X_API_BASE: sandboxUrl,
      DECKHAND_X_CLIENT_ID: DEMO_CLIENT_ID,
      DECKHAND_X_BEARER_TOKEN: await admin.appToken(),
    });
    started.push(hub);
    expect(hub.setupCode, 'an unclaimed hub prints its setup code').not.toBeNull();
    const ownerHost = await startWebHostCli(['--demo', '--demo-solo', '--data-dir', ownerData.path], { DECKHAND_X_API_BASE: sandboxUrl });
    started.push(ownerHost);
    const agentHost = await startWebHostCli(['--demo-solo', '--data-dir', agentData.path], { DECKHAND_X_API_BASE: sandboxUrl });
    started.push(agentHost);
    const owner = await openDesktop(browser, ownerHost.match[1]!);
    desktops.push(owner);
    const agent = await openDesktop(browser, agentHost.match[1]!, options.prepareAgent);
    desktops.push(agent);

    // The owner claims the hub with its setup code.
    const ownerPanel = await openTeamPanel(owner.page);
    await ownerPanel.getByRole('button', { name: 'Create a team' }).click();
    await ownerPanel.getByRole('textbox', { name: 'Hub address' }).fill(hub.url);
    await ownerPanel.getByRole('textbox', { name: 'Setup code' }).fill(hub.setupCode!);
    await ownerPanel.getByRole('textbox', { name: 'Your name' }).fill(options.ownerName);
    await ownerPanel.getByRole('button', { name: 'Create team' }).click();
    const ownerMembers = ownerPanel.getByRole('list', { name: 'Members' });
    await expect(ownerMembers.getByRole('listitem', { name: options.ownerName })).toBeVisible({ timeout: 15_000 });

    // …connects @AcmeAir for the team: X's consent page in a new tab, back to the hub, which keeps the tokens.
    const [consent] = await Promise.all([owner.page.context().waitForEvent('page'), ownerPanel.getByRole('button', { name: 'Connect a brand handle' }).click()]);
    await consent.getByRole('textbox', { name: 'Username' }).fill('AcmeAir');
    await consent.getByRole('button', { name: 'Authorize app' }).click();
    await expect(consent.getByRole('heading', { name: '@AcmeAir is connected' })).toBeVisible();
    await expect(consent.getByText("@AcmeAir is now one of the team's handles")).toBeVisible();
    await consent.close();
    await expect(ownerPanel.getByRole('list', { name: 'Team handles' }).getByRole('listitem')).toHaveText(['@AcmeAir'], { timeout: 10_000 });

    // …and invites a colleague (Agent on every handle unless chosen otherwise).
    await ownerPanel.getByRole('button', { name: 'Invite member' }).click();
    const linkBox = ownerPanel.getByRole('textbox', { name: 'Invite link' });
    await expect(linkBox).toHaveValue(/^deckhand:\/\/join\?/);
    await expect(linkBox).not.toBeEditable();
    const link = await linkBox.inputValue();

    // The agent joins with the link on their own desktop.
    const agentPanel = await openTeamPanel(agent.page);
    await agentPanel.getByRole('button', { name: 'Join a team' }).click();
    await agentPanel.getByRole('textbox', { name: 'Invite link' }).fill(link);
    await agentPanel.getByRole('textbox', { name: 'Your name' }).fill(options.agentName);
    await agentPanel.getByRole('button', { name: 'Join', exact: true }).click();
    const agentMembers = agentPanel.getByRole('list', { name: 'Members' });
    await expect(agentMembers.getByRole('listitem', { name: options.agentName })).toBeVisible({ timeout: 15_000 });
    await expect(agentMembers.getByRole('listitem', { name: options.ownerName })).toBeVisible();

    // The owner sees the agent arrive, online, an Agent on @AcmeAir.
    const agentForOwner = ownerMembers.getByRole('listitem', { name: options.agentName });
    await expect(agentForOwner).toBeVisible({ timeout: 10_000 });
    await expect(agentForOwner.getByText('online', { exact: true })).toBeVisible({ timeout: 10_000 });
    await expect(agentForOwner.getByRole('combobox', { name: 'Role on @AcmeAir' }).locator('option:checked')).toHaveText('Agent');
    return { sandboxUrl, admin, hub, owner, agent, ownerPanel, agentPanel, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

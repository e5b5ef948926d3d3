// A team of two desktops in Chromium, as two people: a sandbox for X, one hub, and two web hosts
// with their own data dirs. The owner creates the team and invites; the agent joins with the link;
// a role the owner changes reaches the agent's desktop within seconds.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startHubCli, startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

interface Desktop {
  page: Page;
  close(): Promise<void>;
}

async function openDesktop(browser: Browser, appUrl: string): Promise<Desktop> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl);
  return { page, close: () => context.close() };
}

async function openTeamPanel(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Team' }).click();
  const panel = page.getByRole('dialog', { name: /^Team/ });
  await expect(panel).toBeVisible();
  return panel;
}

test('an owner creates a team and invites an agent, who joins and follows the role the owner gives', async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerData = tempDir('deckhand-e2e-team-owner-');
  const agentData = tempDir('deckhand-e2e-team-agent-');
  const hubData = tempDir('deckhand-e2e-team-hub-');
  const started: Started[] = [];
  const desktops: Desktop[] = [];
  try {
    const sandbox = await startSandboxCli();
    started.push(sandbox);
    const sandboxUrl = sandbox.match[1]!;
    const hub = await startHubCli(['--db', join(hubData.path, 'hub.sqlite')], { DECKHAND_X_API_BASE: sandboxUrl });
    started.push(hub);
    expect(hub.setupCode, 'an unclaimed hub prints its setup code').not.toBeNull();
    // The owner's desktop is the demo workspace (@AcmeAir among its handles); the agent's starts empty.
    const ownerHost = await startWebHostCli(['--demo', '--data-dir', ownerData.path], { DECKHAND_X_API_BASE: sandboxUrl });
    started.push(ownerHost);
    const agentHost = await startWebHostCli(['--data-dir', agentData.path], { DECKHAND_X_API_BASE: sandboxUrl });
    started.push(agentHost);

    const owner = await openDesktop(browser, ownerHost.match[1]!);
    desktops.push(owner);
    const agent = await openDesktop(browser, agentHost.match[1]!);
    desktops.push(agent);

    // The owner claims the hub with its setup code.
    const ownerPanel = await openTeamPanel(owner.page);
    await ownerPanel.getByRole('button', { name: 'Create a team' }).click();
    await ownerPanel.getByRole('textbox', { name: 'Hub address' }).fill(hub.url);
    await ownerPanel.getByRole('textbox', { name: 'Setup code' }).fill(hub.setupCode!);
    await ownerPanel.getByRole('textbox', { name: 'Your name' }).fill('Ann Owner');
    await ownerPanel.getByRole('button', { name: 'Create team' }).click();
    const ownerMembers = ownerPanel.getByRole('list', { name: 'Members' });
    await expect(ownerMembers.getByRole('listitem', { name: 'Ann Owner' })).toBeVisible({ timeout: 15_000 });

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
    await agentPanel.getByRole('textbox', { name: 'Your name' }).fill('Bob Agent');
    await agentPanel.getByRole('button', { name: 'Join', exact: true }).click();
    const agentMembers = agentPanel.getByRole('list', { name: 'Members' });
    await expect(agentMembers.getByRole('listitem', { name: 'Bob Agent' })).toBeVisible({ timeout: 15_000 });
    await expect(agentMembers.getByRole('listitem', { name: 'Ann Owner' })).toBeVisible();

    // The owner sees Bob arrive, online, an Agent on @AcmeAir.
    const bobForOwner = ownerMembers.getByRole('listitem', { name: 'Bob Agent' });
    await expect(bobForOwner).toBeVisible({ timeout: 10_000 });
    await expect(bobForOwner.getByText('online', { exact: true })).toBeVisible({ timeout: 10_000 });
    const bobRole = bobForOwner.getByRole('combobox', { name: 'Role on @AcmeAir' });
    await expect(bobRole.locator('option:checked')).toHaveText('Agent');

    // The owner makes Bob a Trainee on @AcmeAir; Bob's own desktop follows within seconds.
    await bobRole.selectOption({ label: 'Trainee' });
    await expect(bobRole.locator('option:checked')).toHaveText('Trainee');
    const bobOwnRole = agentMembers.getByRole('listitem', { name: 'Bob Agent' }).getByRole('combobox', { name: 'Role on @AcmeAir' });
    await expect(bobOwnRole.locator('option:checked')).toHaveText('Trainee', { timeout: 5_000 });
    // Bob cannot manage the team: his boxes are read-only (the hub would refuse anyway).
    await expect(bobOwnRole).toBeDisabled();

    // The roles editor shows what a Trainee may do; presets are read-only.
    const roles = agentPanel.getByRole('table', { name: 'Roles' });
    await expect(roles.getByRole('checkbox', { name: 'reply for Trainee' })).toBeChecked();
    await expect(roles.getByRole('checkbox', { name: 'send-without-approval for Trainee' })).not.toBeChecked();
    await expect(roles.getByRole('checkbox', { name: 'reply for Trainee' })).toBeDisabled();
  } finally {
    for (const desktop of desktops) await desktop.close();
    for (const child of started.reverse()) await child.stop();
    for (const dir of [ownerData, agentData, hubData]) dir.remove();
  }
});

// A new user opens the demo and sees a living team with no setup: the Team panel lists three
// colleagues online on the demo brands, and the team's column fills from the embedded hub. Its
// search is the team's: "Edit search" is offered disabled, saying why.
import { expect, test } from '@playwright/test';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

test('the demo opens as a team: colleagues online, the brands connected through the hub, a team column filling', async ({ page }) => {
  test.setTimeout(60_000);
  const dataDir = tempDir('deckhand-e2e-demo-team-');
  const started: Started[] = [];
  try {
    const sandbox = await startSandboxCli(['--rate', '5']);
    started.push(sandbox);
    const host = await startWebHostCli(['--demo', '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandbox.match[1]! });
    started.push(host);
    await page.goto(host.match[1]!);

    const column = page.getByRole('region', { name: 'Search: AcmeAir', exact: true });
    await expect(column.getByRole('article').first()).toBeVisible({ timeout: 15_000 });

    // Its search is the team's (the hub sets it for everyone): Edit search is there, disabled, saying why.
    await column.getByRole('button', { name: 'Column options' }).click();
    const editSearch = column.getByRole('menu', { name: 'Column options' }).getByRole('menuitem', { name: 'Edit search' });
    await expect(editSearch).toHaveAttribute('aria-disabled', 'true');
    await expect(editSearch).toHaveAccessibleDescription(/its search is set for the whole team/);
    // Forced: Playwright waits for a disabled item to become enabled; a person can still click it.
    await editSearch.click({ force: true });
    await expect(page.getByRole('dialog', { name: 'Edit search' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.getByRole('banner').getByRole('button', { name: 'Team' }).click();
    const panel = page.getByRole('dialog', { name: 'Team Acme Air care (demo)' });
    const members = panel.getByRole('list', { name: 'Members' });
    for (const name of ['You', 'Maya Chen', 'Leo Okafor', 'Sofia Reyes']) await expect(members.getByRole('listitem', { name })).toBeVisible();
    await expect(members.getByRole('listitem', { name: 'Maya Chen' }).getByText(/^(online|away)$/)).toBeVisible({ timeout: 10_000 });
    await expect(panel.getByRole('list', { name: 'Team handles' }).getByRole('listitem')).toHaveText(['@AcmeAir', '@NimbusMobile']);
  } finally {
    for (const child of started.reverse()) await child.stop();
    dataDir.remove();
  }
});

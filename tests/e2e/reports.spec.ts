// Reports in Chromium: the demo's Owner opens "Reports" and sees each chart as a figure named by
// its title, drawn (on a canvas, under the renderer's strict CSP) beside the table of its
// numbers, counting the customers the embedded hub took in; regrouped per agent; exported as CSV.
// A desktop without a team is told reports are a team's.
import { readFile } from 'node:fs/promises';
import { expect, test as plain, type Page } from '@playwright/test';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';
import { test as solo } from './fixtures';

const FIGURES = ['Volume in and out', 'First-response time', 'Resolution time', 'SLA hit rate', 'Backlog over time'];

/** Content-Security-Policy refusals the page reports (a chart library that evals or injects styles would cause them). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

plain('the demo Owner sees reports as figures with tables, per handle and per agent, and exports them as CSV', async ({ page }) => {
  plain.setTimeout(90_000);
  const dataDir = tempDir('deckhand-e2e-reports-');
  const started: Started[] = [];
  try {
    const sandbox = await startSandboxCli(['--rate', '5']);
    started.push(sandbox);
    const host = await startWebHostCli(['--demo', '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandbox.match[1]! });
    started.push(host);
    const violations = cspViolations(page);
    await page.goto(host.match[1]!);
    // The team's column fills: the embedded hub has taken customers' posts in as cases.
    await expect(page.getByRole('region', { name: 'Search: AcmeAir', exact: true }).getByRole('article').first()).toBeVisible({ timeout: 15_000 });

    await page.getByRole('banner').getByRole('button', { name: 'Reports' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reports' });
    await expect(dialog.getByLabel('From')).toBeVisible();
    for (const title of FIGURES) {
      const figure = dialog.getByRole('figure', { name: title });
      await expect(figure).toBeVisible({ timeout: 10_000 });
      await expect(figure.getByRole('table')).toBeVisible();
    }
    // Messages in for @AcmeAir count up as the demo's customers write (Show reads again).
    const volume = dialog.getByRole('figure', { name: 'Volume in and out' }).getByRole('table');
    await expect(volume.getByRole('columnheader')).toHaveText(['Handle', 'Messages in', 'Replies out']);
    await expect(async () => {
      await dialog.getByRole('button', { name: 'Show' }).click();
      const messagesIn = Number(await volume.getByRole('row', { name: /@AcmeAir/ }).getByRole('cell').first().textContent());
      expect(messagesIn).toBeGreaterThan(0);
    }).toPass({ timeout: 20_000 });
    await expect(dialog.getByRole('figure', { name: 'Backlog over time' }).getByRole('table').getByRole('columnheader').first()).toHaveText(/^(Hour|Day)$/);

    // Each chart is drawn on its canvas: a blank area of that size would compress to a few hundred bytes.
    for (const title of FIGURES) {
      const canvas = dialog.getByRole('figure', { name: title }).locator('canvas').first();
      expect(Number(await canvas.getAttribute('width')), `${title} has a canvas`).toBeGreaterThan(0);
      expect((await canvas.screenshot()).byteLength, `${title} is drawn`).toBeGreaterThan(3_000);
    }

    await dialog.getByRole('combobox', { name: 'Per' }).selectOption({ label: 'Agent' });
    await expect(volume.getByRole('columnheader').first()).toHaveText('Agent');
    await expect(volume.getByRole('row')).not.toHaveCount(1);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^deckhand-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toMatch(/^grouped by,name,messages in,replies out,first responses,/);
    expect(rows.some((row) => row.startsWith("handle,'@AcmeAir,"))).toBe(true);
    expect(rows.some((row) => row.startsWith('agent,'))).toBe(true);
    expect(violations).toEqual([]);
  } finally {
    for (const child of started.reverse()) await child.stop();
    dataDir.remove();
  }
});

solo('a desktop without a team is told reports are a team’s', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await page.getByRole('banner').getByRole('button', { name: 'Reports' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reports' });
  await expect(dialog).toContainText('Reports are a team’s');
  await expect(dialog.getByRole('figure')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

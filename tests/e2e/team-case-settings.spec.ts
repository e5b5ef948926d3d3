// The demo's owner sets @AcmeAir's case settings in the Team panel: a bad time zone is named and
// nothing is saved; then response targets in business hours, balanced auto-assignment and two
// routing rules (one moved above the other) are saved through the embedded hub and come back when
// the panel opens again; the deck's cases then show their SLA timers.
import { expect, test, type Page } from '@playwright/test';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

async function openCaseSettings(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Team' }).click();
  const panel = page.getByRole('dialog', { name: /^Team/ });
  const disclosure = panel.getByRole('button', { name: 'Case settings for @AcmeAir' });
  await expect(disclosure).toHaveAttribute('aria-expanded', 'false');
  await disclosure.click();
  await expect(disclosure).toHaveAttribute('aria-expanded', 'true');
  return panel;
}

test('case settings of a team handle are checked, saved through the hub and shown again', async ({ page }) => {
  test.setTimeout(90_000);
  const dataDir = tempDir('deckhand-e2e-case-settings-');
  const started: Started[] = [];
  try {
    const sandbox = await startSandboxCli(['--rate', '5']);
    started.push(sandbox);
    const host = await startWebHostCli(['--demo', '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandbox.match[1]! });
    started.push(host);
    await page.goto(host.match[1]!);
    let panel = await openCaseSettings(page);

    await panel.getByRole('checkbox', { name: 'Response targets (SLA)' }).check();
    await panel.getByRole('spinbutton', { name: 'First response (minutes)' }).fill('30');
    await panel.getByRole('textbox', { name: 'Time zone' }).fill('Mars/Olympus');
    await panel.getByRole('button', { name: 'Save case settings' }).click();
    await expect(panel.getByRole('alert')).toContainText('Time zone: Unknown time zone "Mars/Olympus"');

    await panel.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Berlin');
    await panel.getByRole('checkbox', { name: 'Business hours only' }).check();
    await panel.getByLabel('Opens', { exact: true }).fill('08:00');
    await panel.getByRole('checkbox', { name: 'Sat' }).check();
    await panel.getByRole('textbox', { name: 'Holidays' }).fill('2026-12-25');
    await panel.getByRole('combobox', { name: 'Auto-assignment' }).selectOption({ label: 'Balanced' });
    await panel.getByRole('spinbutton', { name: 'Capacity per agent' }).fill('4');

    await panel.getByRole('textbox', { name: 'Rule name' }).fill('Refunds');
    await panel.getByRole('textbox', { name: 'Condition value' }).fill('refund, money back');
    await panel.getByRole('combobox', { name: 'Then' }).selectOption({ label: 'Assign to role' });
    await panel.getByRole('combobox', { name: 'Action value' }).selectOption({ label: 'Agent' });
    await panel.getByRole('button', { name: 'Add rule' }).click();
    await panel.getByRole('textbox', { name: 'Rule name' }).fill('VIP');
    await panel.getByRole('combobox', { name: 'When' }).selectOption({ label: 'Customer label' });
    await panel.getByRole('textbox', { name: 'Condition value' }).fill('VIP');
    await panel.getByRole('combobox', { name: 'Then' }).selectOption({ label: 'Set priority' });
    await panel.getByRole('combobox', { name: 'Action value' }).selectOption({ label: 'urgent' });
    await panel.getByRole('checkbox', { name: 'Stop after this rule' }).check();
    await panel.getByRole('button', { name: 'Add rule' }).click();

    const rules = panel.getByRole('list', { name: 'Routing rules' });
    await expect(rules.getByRole('listitem', { name: 'Refunds' })).toContainText('Keywords: refund, money back');
    await expect(rules.getByRole('listitem', { name: 'Refunds' })).toContainText('Assign to role Agent');
    await rules.getByRole('button', { name: 'Move up VIP' }).click();
    await expect(rules.getByRole('listitem')).toHaveCount(2);
    await expect(rules.getByRole('listitem').first()).toHaveAccessibleName('VIP');
    await expect(rules.getByRole('button', { name: 'Move down VIP' })).toBeFocused();

    await panel.getByRole('button', { name: 'Save case settings' }).click();
    await expect(page.getByText('Case settings of @AcmeAir saved')).toBeVisible({ timeout: 10_000 });
    await expect(panel.getByRole('alert')).toBeHidden();

    await page.reload();
    panel = await openCaseSettings(page);
    await expect(panel.getByRole('checkbox', { name: 'Response targets (SLA)' })).toBeChecked();
    await expect(panel.getByRole('spinbutton', { name: 'First response (minutes)' })).toHaveValue('30');
    await expect(panel.getByRole('textbox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
    await expect(panel.getByLabel('Opens', { exact: true })).toHaveValue('08:00');
    await expect(panel.getByRole('checkbox', { name: 'Sat' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'Sun' })).not.toBeChecked();
    await expect(panel.getByRole('combobox', { name: 'Auto-assignment' })).toHaveValue('balanced');
    await expect(panel.getByRole('list', { name: 'Routing rules' }).getByRole('listitem')).toHaveCount(2);
    await expect(panel.getByRole('list', { name: 'Routing rules' }).getByRole('listitem').first()).toHaveAccessibleName('VIP');

    await panel.getByRole('list', { name: 'Routing rules' }).getByRole('button', { name: 'Remove rule Refunds' }).click();
    await expect(panel.getByRole('list', { name: 'Routing rules' }).getByRole('listitem')).toHaveCount(1);

    // With response targets set, every open case on the deck shows its SLA timer.
    await panel.getByRole('button', { name: 'Close' }).click();
    const column = page.getByRole('region', { name: 'Search: AcmeAir', exact: true });
    const timer = column.getByRole('timer').first();
    await expect(timer).toHaveAccessibleName(/^(First response due|Next response due|Breached)/, { timeout: 15_000 });
  } finally {
    for (const child of started.reverse()) await child.stop();
    dataDir.remove();
  }
});

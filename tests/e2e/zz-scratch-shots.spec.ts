import { expect, test } from './fixtures';

test('scratch screenshots', async ({ page, workspace }) => {
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();
  await workspace.admin.setTraffic(20);
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('radio', { name: 'Mentions' }).check();
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/deck-1.png' });
  await page.getByRole('button', { name: 'Add column' }).click();
  await dialog.getByRole('button', { name: 'Query builder' }).click();
  await dialog.getByRole('textbox', { name: 'Any of these words' }).fill('delay cancelled');
  await dialog.getByRole('checkbox', { name: 'Exclude reposts' }).check();
  await page.screenshot({ path: '/tmp/deck-2.png' });
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await page.waitForTimeout(2000);
  const col = page.getByRole('region', { name: /Mentions/ });
  await col.getByRole('button', { name: 'Column options' }).click();
  await page.screenshot({ path: '/tmp/deck-3.png' });
  await page.keyboard.press('Escape');
  await workspace.admin.setTraffic(0);
});

import { ACCESS_TOKEN_STORAGE_KEY } from '../../src/renderer/src/bridge/access-token';
import { expect, test } from './fixtures';

// The web host's token is the only key to the workspace: the page must keep it out of sight,
// survive a reload, and say plainly what to do when it does not have a valid one.

test('the access token leaves the address bar, and a reload still connects', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();
  expect(page.url()).not.toContain('token=');

  await page.reload();
  await expect(page.getByText('Demo workspace')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add column' })).toBeEnabled();
});

test('a tab opened without the token explains how to get in instead of showing a broken deck', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();

  // Same browser (the host's session cookie serves the page), but this tab never saw the token.
  const other = await page.context().newPage();
  await other.goto(new URL('/', workspace.appUrl).toString());
  await expect(other.getByRole('heading', { name: 'Deckhand cannot open this page' })).toBeVisible();
  await expect(other.getByRole('alert')).toContainText('This page has no access token');
  await expect(other.getByRole('button', { name: 'Add column' })).toHaveCount(0);
  await expect(other.getByRole('region')).toHaveCount(0);
});

test('a token the host does not accept is refused with a message, not retried forever', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();
  await page.evaluate(`sessionStorage.setItem(${JSON.stringify(ACCESS_TOKEN_STORAGE_KEY)}, 'a-stale-token-from-an-old-run')`);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deckhand cannot open this page' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('refused this page’s access token');
  await expect(page.getByText('Demo workspace')).toHaveCount(0);
});

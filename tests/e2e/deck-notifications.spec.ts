import { addColumn, chooseFromMenu, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';
import { fakeNotifications, notificationLog } from './notification-stand-in';

test('permission is asked once, when a column wants notifications, and not again after a dismissal or a reload', async ({ page, workspace }) => {
  await fakeNotifications(page, 'default', 'default'); // the agent closes the prompt without answering
  await page.goto(workspace.appUrl);
  await expect(page.getByRole('region').first()).toBeVisible();
  expect((await notificationLog(page)).requests).toBe(0); // no column has notifications on yet

  const mentions = await addColumn(page, { kind: 'Mentions' }, 'Mentions: @AcmeAir');
  await expect.poll(async () => (await notificationLog(page)).requests).toBe(1);

  const search = await addColumn(page, { kind: 'Search', query: 'notifyjet' }, 'Search: notifyjet');
  await chooseFromMenu(search, 'Desktop notifications');
  await expect(page.getByRole('status').filter({ hasText: 'Desktop notifications on for Search: notifyjet' })).toBeVisible();
  await page.reload();
  await expect(mentions).toBeVisible();
  await page.waitForTimeout(500);
  expect((await notificationLog(page)).requests).toBe(1);

  await removeColumn(search);
  await removeColumn(mentions);
});

test('with permission granted, new posts in a column with notifications on are shown while the agent is away', async ({ page, workspace }) => {
  await fakeNotifications(page, 'granted', 'granted');
  await page.goto(workspace.appUrl);
  const mentions = await addColumn(page, { kind: 'Mentions' }, 'Mentions: @AcmeAir');
  await expect(mentions.getByText('Live')).toBeVisible();
  const quiet = await addColumn(page, { kind: 'Search', query: 'quietjet' }, 'Search: quietjet');

  await workspace.admin.createPost({ author: 'notify_fan', text: '@AcmeAir my bag never arrived' });
  await workspace.admin.createPost({ author: 'notify_fan', text: 'quietjet nobody needs to hear about this' });
  await expect(mentions.getByRole('article').filter({ hasText: 'my bag never arrived' })).toBeVisible({ timeout: 5_000 });
  await expect(quiet.getByRole('article')).toHaveCount(1, { timeout: 5_000 });
  const { shown, requests } = await notificationLog(page);
  expect(requests).toBe(0);
  expect(shown).toEqual([{ title: 'Mentions: @AcmeAir', body: '@notify_fan: @AcmeAir my bag never arrived' }]);

  await removeColumn(mentions);
  await removeColumn(quiet);
});

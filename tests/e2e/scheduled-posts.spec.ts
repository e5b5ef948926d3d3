// New posts as a brand handle, from the header's "New post": the composer counts as X does and
// refuses a time that has passed; "Schedule" keeps the post in the handle's Scheduled column
// (nothing reaches X), where it can be cancelled; "Post now" reaches X at once and the column
// lists it as sent. (That a scheduled post goes out once at its time, across a restart, is shown
// on an injected clock in tests/integration/scheduled-posts.test.ts.)
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

/** A datetime-local value `minutes` from now, in the browser's time zone. */
const localIn = (minutes: number) => {
  const at = new Date(Date.now() + minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
};

test('New post: schedule one (kept, cancellable), post another now (at X, listed as sent)', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Scheduled', account: 'NimbusMobile' }, 'Scheduled: @NimbusMobile');
  await expect(column.getByText('Nothing is scheduled on @NimbusMobile.')).toBeVisible();

  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('combobox', { name: 'Post as' }).selectOption({ label: '@NimbusMobile' });
  const text = dialog.getByRole('textbox', { name: 'Post text' });
  await text.fill('Our 5G network now covers every station 🚆 https://nimbuscell.com/5g/coverage-map-for-all-stations');
  // As X counts: 40 characters, an emoji of 2 and a space, a long URL of 23.
  await expect(dialog.getByRole('status', { name: 'Characters left' })).toHaveText(String(280 - 40 - 3 - 23));
  await text.fill('x'.repeat(281));
  await expect(dialog.getByRole('button', { name: 'Post now' })).toBeDisabled();
  await expect(dialog.getByText('Post text is 281 characters as X counts them; the limit is 280')).toBeVisible();

  const scheduledText = `Maintenance tonight from 02:00, calls may drop for a minute (${Date.now()})`;
  await text.fill(scheduledText);
  const sendAt = dialog.getByLabel('Send at');
  await sendAt.fill(localIn(-5));
  await expect(dialog.getByText('That time has passed: choose a time ahead, or post now.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();
  await sendAt.fill(localIn(90));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Scheduled as @NimbusMobile for' })).toBeVisible();

  const scheduled = column.getByRole('listitem').filter({ hasText: scheduledText });
  await expect(scheduled).toContainText('Scheduled');
  await expect(column.getByText('1 post waits to go out')).toBeVisible();
  expect((await workspace.admin.postsBy('NimbusMobile')).filter((post) => post.text === scheduledText)).toEqual([]);

  // Posted now: at X at once, and the column lists it as sent.
  const nowText = `Thank you for a great year on Nimbus (${Date.now()})`;
  await page.getByRole('button', { name: 'New post' }).click();
  await dialog.getByRole('textbox', { name: 'Post text' }).fill(nowText);
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Posted as @NimbusMobile' })).toBeVisible();
  await expect.poll(async () => (await workspace.admin.postsBy('NimbusMobile')).filter((post) => post.text === nowText).length).toBe(1);
  await expect(column.getByRole('listitem').filter({ hasText: nowText })).toContainText('Sent');

  // Cancelled before its time: it leaves the column and never reaches X.
  await scheduled.getByRole('button', { name: 'Cancel scheduled post' }).click();
  await expect(scheduled).toHaveCount(0);
  await expect(column.getByText('0 posts wait to go out')).toBeVisible();

  await removeColumn(column);
});

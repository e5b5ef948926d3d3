// A search column's query and From / To dates, changed after the column was made: "Edit search" in
// the column's menu. The column starts over with the new search; a refused edit changes nothing.
// (On a team column it is disabled, saying why: demo-team.spec.ts.)
import { DateTime } from 'luxon';
import { addColumn, chooseFromMenu } from './deck-helpers';
import { expect, test } from './fixtures';

// Not UTC: the dates are days in the agent's time zone.
const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE });

test('Edit search changes a search column’s query and dates; a refused edit changes nothing', async ({ page, workspace }) => {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const day = (back: number) => today.minus({ days: back });
  const shown = (at: DateTime) => at.setLocale('en-US').toLocaleString(DateTime.DATE_MED);
  await workspace.admin.createPost({ author: 'edit_fan', text: 'editjetold the first query finds this' });
  const newPosts = [
    { text: 'editjetnew five days back', at: day(5).set({ hour: 12 }) },
    { text: 'editjetnew three days back', at: day(3).set({ hour: 12 }) },
    { text: 'editjetnew two days back', at: day(2).set({ hour: 12 }) },
  ];
  for (const post of newPosts) await workspace.admin.createPost({ author: 'edit_fan', text: post.text, created_at: post.at.toUTC().toISO()! });
  await page.goto(workspace.appUrl);
  const first = await addColumn(page, { kind: 'Search', query: 'editjetold' }, 'Search: editjetold');
  await expect(first.getByRole('article')).toHaveCount(1, { timeout: 10_000 });

  // The dialog opens with the column's query; Cancel leaves it as it was.
  await chooseFromMenu(first, 'Edit search');
  const dialog = page.getByRole('dialog', { name: 'Edit search' });
  const query = dialog.getByRole('textbox', { name: 'Search query' });
  await expect(query).toHaveValue('editjetold');
  await expect(query).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(first.getByRole('button', { name: 'Column options' })).toBeFocused();

  // A new query: the title (never renamed) follows it, and the column holds only what it finds.
  await chooseFromMenu(first, 'Edit search');
  await query.fill('editjetnew');
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog).toBeHidden();
  const column = page.getByRole('region', { name: 'Search: editjetnew', exact: true });
  await expect(column.getByRole('heading', { name: 'Search: editjetnew' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Search: editjetold', exact: true })).toHaveCount(0);
  await expect(column.getByRole('article')).toHaveCount(newPosts.length, { timeout: 10_000 });
  await expect(column.getByRole('article').filter({ hasText: 'editjetold' })).toHaveCount(0);
  // Live: a post for the old query no longer comes, one for the new query does.
  await workspace.admin.createPost({ author: 'edit_fan', text: 'editjetold no longer followed' });
  await workspace.admin.createPost({ author: 'edit_fan', text: 'editjetnew arrives live' });
  await expect(column.getByRole('article').filter({ hasText: 'editjetnew arrives live' })).toBeVisible({ timeout: 10_000 });
  await expect(column.getByRole('article')).toHaveCount(newPosts.length + 1);

  // Dates, From today−3 to today−2: the header shows them, the column holds only the posts made on them.
  await chooseFromMenu(column, 'Edit search');
  await expect(query).toHaveValue('editjetnew');
  await dialog.getByRole('button', { name: 'Query builder' }).click();
  await dialog.getByLabel('From date').fill(day(3).toISODate()!);
  await dialog.getByLabel('To date').fill(day(2).toISODate()!);
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog).toBeHidden();
  const dates = `${shown(day(3))} – ${shown(day(2))}`;
  await expect(column.getByText(dates, { exact: true })).toBeVisible();
  await expect(column.getByRole('article')).toHaveCount(2, { timeout: 10_000 });
  await expect(column.getByRole('article').nth(0)).toContainText('editjetnew two days back');
  await expect(column.getByRole('article').nth(1)).toContainText('editjetnew three days back');

  // Refused edits show why in the dialog and change nothing: dates X cannot reach, a query X
  // refuses (the core's answer), no query at all.
  await chooseFromMenu(column, 'Edit search');
  await expect(dialog.getByLabel('From date')).toHaveValue(day(3).toISODate()!);
  await expect(dialog.getByLabel('To date')).toHaveValue(day(2).toISODate()!);
  await dialog.getByLabel('From date').fill(day(20).toISODate()!);
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog.getByRole('alert')).toContainText('X searches only the last 7 days');
  await dialog.getByLabel('From date').fill(day(3).toISODate()!);
  await query.fill('(editjetnew');
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog.getByRole('alert')).toContainText('X refused the query');
  await query.fill('');
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Type a search query, or fill in the query builder');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(column.getByRole('button', { name: 'Column options' })).toBeFocused();
  await expect(column.getByRole('heading', { name: 'Search: editjetnew' })).toBeVisible();
  await expect(column.getByText(dates, { exact: true })).toBeVisible();
  await expect(column.getByRole('article')).toHaveCount(2);

  // A title the agent chose stays when the query changes; the dates stay too.
  await chooseFromMenu(column, 'Rename');
  await column.getByRole('textbox', { name: 'Column title' }).fill('Edit desk');
  await page.keyboard.press('Enter');
  const renamed = page.getByRole('region', { name: 'Edit desk', exact: true });
  await chooseFromMenu(renamed, 'Edit search');
  await query.fill('editjetnew three');
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog).toBeHidden();
  await expect(renamed.getByRole('heading', { name: 'Edit desk' })).toBeVisible();
  await expect(renamed.getByText(dates, { exact: true })).toBeVisible();
  await expect(renamed.getByRole('article')).toHaveCount(1, { timeout: 10_000 });
  await expect(renamed.getByRole('article')).toContainText('editjetnew three days back');
});

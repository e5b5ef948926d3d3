// Dates, as an agent uses them: the query builder's From / To dates (and its note that X's recent
// search reaches back only 7 days) make a dated search column, and the archive search's From / To
// dates show only the stored posts made on those days, in the agent's time zone.
import { DateTime } from 'luxon';
import { expect, test } from './fixtures';

const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE });

test('the builder takes dates within X’s 7 days, and archive search over a range shows exactly the posts inside it', async ({ page, workspace }) => {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const day = (back: number) => today.minus({ days: back });
  const iso = (at: DateTime) => at.toUTC().toISO()!;
  // The archive range is From today−4 to To today−2, both included: [today−4 00:00, today−1 00:00) in New York.
  const posts = [
    { text: 'datearchive five days back', at: day(5).set({ hour: 12 }), inside: false },
    { text: 'datearchive a second before the From date', at: day(4).minus({ seconds: 1 }), inside: false },
    { text: 'datearchive at the From date’s midnight', at: day(4), inside: true },
    { text: 'datearchive in the middle', at: day(3).set({ hour: 12 }), inside: true },
    { text: 'datearchive the To date’s last second', at: day(1).minus({ seconds: 1 }), inside: true },
    { text: 'datearchive the midnight after the To date', at: day(1), inside: false },
  ];
  for (const post of posts) await workspace.admin.createPost({ author: 'date_fan', text: post.text, created_at: iso(post.at) });
  await page.goto(workspace.appUrl);

  // The query builder: dates are offered, and it says how far back X searches.
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('radio', { name: 'Search', exact: true }).check();
  await dialog.getByRole('button', { name: 'Query builder' }).click();
  await expect(dialog.getByText('X searches only the last 7 days')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'All of these words' }).fill('datearchive');
  await dialog.getByLabel('From date').fill(day(9).toISODate()!);
  await expect(dialog.getByText(`X searches only the last 7 days: the From date can be ${day(7).toISODate()} at the earliest`)).toBeVisible();
  await dialog.getByLabel('From date').fill(day(6).toISODate()!);
  await expect(dialog.getByText(/the From date can be/)).toBeHidden();
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await expect(dialog).toBeHidden();
  // The dated column asks X for its days: it fetches the posts made since, back-dated ones included.
  const column = page.getByRole('region', { name: 'Search: datearchive', exact: true });
  await expect(column.getByRole('article')).toHaveCount(posts.length, { timeout: 10_000 });
  // Its header says which days it holds.
  await expect(column.getByText(`from ${day(6).setLocale('en-US').toLocaleString(DateTime.DATE_MED)}`, { exact: true })).toBeVisible();

  // Archive search: words, then From / To dates.
  const search = page.getByRole('searchbox', { name: 'Search archive' });
  const results = page.getByRole('complementary', { name: 'Archive results' });
  await search.fill('datearchive');
  await expect(results.getByRole('article')).toHaveCount(posts.length);
  await page.getByRole('button', { name: 'Archive dates' }).click();
  const dates = page.getByRole('group', { name: 'Search the archive between dates' });
  await dates.getByLabel('From date').fill(day(4).toISODate()!);
  await dates.getByLabel('To date').fill(day(2).toISODate()!);
  const inside = posts.filter((post) => post.inside).reverse(); // newest first
  await expect(results.getByRole('article')).toHaveCount(inside.length);
  for (const [index, post] of inside.entries()) await expect(results.getByRole('article').nth(index)).toContainText(post.text);
  await expect(results.getByRole('status')).toHaveText(/^3 posts matching “datearchive”, made /);

  // Clearing the dates brings every match back.
  await dates.getByRole('button', { name: 'Clear dates' }).click();
  await expect(results.getByRole('article')).toHaveCount(posts.length);
});

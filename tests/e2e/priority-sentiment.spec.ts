import { addColumn, chooseFromMenu, createPosts, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

// Triage by tone: every card says its post's sentiment, with the reasons on hover; a column's
// options sort it "Priority first" (kept across a reload) and filter it by sentiment.

const COMPLAINT = 'triagejet @NimbusMobile order NM-123456 never arrived, still "processing". I want a refund, this is awful';
const PRAISE = 'triagejet thank you @NimbusMobile, support fixed my eSIM in 10 minutes. Wonderful!';
const CHATTER = 'triagejet coffee first, then emails';

test('"Priority first" puts the complaint on top, and each card says its sentiment and why', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'triagejet' }, 'Search: triagejet');
  // Oldest first: the complaint is the oldest, so newest first shows it last.
  await createPosts(workspace.admin, 3, (index) => [COMPLAINT, PRAISE, CHATTER][index]!, 'triage_customer');
  const articles = column.getByRole('article');
  await expect(articles).toHaveCount(3, { timeout: 10_000 });
  await expect(articles.first()).toContainText('coffee first');
  await expect(articles.last()).toContainText('never arrived');

  const complaint = articles.filter({ hasText: 'never arrived' });
  const negative = complaint.getByRole('img', { name: 'Sentiment: negative', exact: true });
  await expect(negative).toBeVisible();
  await expect(negative).toHaveAttribute('title', /Mentions a refund/);
  await expect(negative).toHaveAttribute('title', /Order NM-123456/);
  await expect(articles.filter({ hasText: 'fixed my eSIM' }).getByRole('img', { name: 'Sentiment: positive', exact: true })).toBeVisible();
  await expect(articles.filter({ hasText: 'coffee first' }).getByRole('img', { name: 'Sentiment: neutral', exact: true })).toBeVisible();

  await chooseFromMenu(column, 'Filters');
  const options = column.getByRole('form', { name: 'Filters' });
  await options.getByRole('combobox', { name: 'Sort', exact: true }).selectOption({ label: 'Priority first' });
  await expect(articles.first()).toContainText('never arrived');
  await expect(articles.last()).toContainText('fixed my eSIM');

  await options.getByRole('combobox', { name: 'Sentiment', exact: true }).selectOption({ label: 'Negative' });
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('never arrived');
  await options.getByRole('combobox', { name: 'Sentiment', exact: true }).selectOption({ label: 'Any sentiment' });
  await expect(articles).toHaveCount(3);
  await options.getByRole('button', { name: 'Done' }).click();

  // The order is the column's: it holds after a reload.
  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Search: triagejet', exact: true });
  await expect(reloaded.getByRole('article')).toHaveCount(3, { timeout: 10_000 });
  await expect(reloaded.getByRole('article').first()).toContainText('never arrived');

  await removeColumn(reloaded);
});

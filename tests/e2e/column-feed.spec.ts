import { addColumn, chooseFromMenu, createPosts, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

// A column published as a feed from its options menu: the URL is shown once, copied, read over
// HTTP as a feed reader would, and stops answering once the feed is revoked.

test('Publish feed shows a feed URL that lists the column’s posts until the feed is revoked', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workspace.appUrl).origin });
  const column = await addColumn(page, { kind: 'Search', query: 'feedpubjet' }, 'Search: feedpubjet');
  const ids = await createPosts(workspace.admin, 3, (index) => `feedpubjet gate change ${index}`);
  await expect(column.getByRole('article').first()).toContainText('feedpubjet gate change 2', { timeout: 10_000 });

  await chooseFromMenu(column, 'Publish feed');
  const feedUrl = column.getByRole('textbox', { name: 'Feed URL', exact: true });
  await expect(feedUrl).toBeFocused();
  const atomUrl = await feedUrl.inputValue();
  expect(atomUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/[A-Za-z0-9_-]{43}\.atom$/);
  const jsonUrl = await column.getByRole('textbox', { name: 'JSON Feed URL' }).inputValue();

  await column.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Feed URL copied' })).toBeVisible();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(atomUrl);

  const atom = await fetch(atomUrl);
  expect(atom.status).toBe(200);
  expect(atom.headers.get('content-type')).toContain('application/atom+xml');
  const xml = await atom.text();
  // Newest first, as the column shows them.
  const positions = [...ids].reverse().map((id) => xml.indexOf(`/status/${id}`));
  expect(positions.every((position) => position > 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  const json = (await (await fetch(jsonUrl)).json()) as { version: string; items: { id: string }[] };
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.map((item) => item.id)).toEqual([...ids].reverse());

  await column.getByRole('button', { name: 'Revoke feed' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'its URLs no longer work' })).toBeVisible();
  await expect(feedUrl).toBeHidden();
  expect((await fetch(atomUrl)).status).toBe(404);
  expect((await fetch(jsonUrl)).status).toBe(404);

  await removeColumn(column);
});

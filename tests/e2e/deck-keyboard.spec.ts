import { addColumn, createPosts, deckOrder } from './deck-helpers';
import { expect, test } from './fixtures';

// The deck by keyboard: j / k / r, a, 1-9, /, ?, and the column menu; archive search as you type.

test('j and k move focus between posts, r replies to the focused one, and keys do nothing while typing', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'keysjet' }, 'Search: keysjet');
  await createPosts(workspace.admin, 30, (index) => `keysjet post ${index}`, 'keys_fan');
  await expect(column.getByRole('article').first()).toContainText('keysjet post 29', { timeout: 5_000 });

  const titles = await deckOrder(page);
  const position = titles.indexOf('Search: keysjet') + 1;
  expect(position).toBeGreaterThan(0);
  expect(position).toBeLessThanOrEqual(9);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press(String(position));
  const post = (text: string) => column.getByRole('article').filter({ hasText: new RegExp(`${text}(?!\\d)`) });
  await expect(post('keysjet post 29')).toBeFocused();
  await page.keyboard.press('j');
  await expect(post('keysjet post 28')).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(post('keysjet post 26')).toBeFocused();
  await page.keyboard.press('k');
  await expect(post('keysjet post 27')).toBeFocused();
  // Far down the column: posts that were not rendered get focus too.
  for (let step = 0; step < 25; step++) await page.keyboard.press('j');
  await expect(post('keysjet post 2')).toBeFocused();
  await expect(post('keysjet post 2')).toBeInViewport();

  await page.keyboard.press('r');
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  await expect(replyText).toBeFocused();
  await expect(replyText).toHaveValue('@keys_fan ');
  await page.keyboard.type('j k a'); // typing, not shortcuts
  await expect(replyText).toHaveValue('@keys_fan j k a');
  await page.keyboard.press('Escape');
  await expect(post('keysjet post 2')).toBeFocused(); // back where the agent was

  await page.keyboard.press('/');
  const archive = page.getByRole('searchbox', { name: 'Search archive' });
  await expect(archive).toBeFocused();
  await page.keyboard.type('a?');
  await expect(archive).toHaveValue('a?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await archive.fill('');
});

test('a, ? and the column menu work from the keyboard', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await expect(dialog.getByRole('textbox', { name: 'Search query' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const description of ['Next post in the column', 'Reply to the focused post', 'Add a column', 'Go to column 1 to 9', 'Search the archive', 'Move the focused column left']) {
    await expect(help.getByText(description)).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const column = await addColumn(page, { kind: 'Search', query: 'menujet' }, 'Search: menujet');
  const options = column.getByRole('button', { name: 'Column options' });
  await options.focus();
  await page.keyboard.press('Enter');
  const menu = column.getByRole('menu', { name: 'Column options' });
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Filters' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Remove column' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('e');
  await expect(menu.getByRole('menuitem', { name: 'Edit search' })).toBeFocused();
  await page.keyboard.press('e');
  await expect(menu.getByRole('menuitem', { name: 'Export CSV' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(options).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(column.getByRole('textbox', { name: 'Column title' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(column.getByRole('heading', { name: 'Search: menujet' })).toBeVisible();
});

test('archive search answers as the agent types', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await addColumn(page, { kind: 'Search', query: 'archivejet' }, 'Search: archivejet');
  await workspace.admin.createPost({ author: 'archive_fan', text: 'archivejet lost my suitcase in Lisbon' });
  await workspace.admin.createPost({ author: 'archive_fan', text: 'archivejet great crew on the Lisbon flight' });
  await workspace.admin.createPost({ author: 'archive_fan', text: 'archivejet wifi was down' });
  const search = page.getByRole('searchbox', { name: 'Search archive' });
  const results = page.getByRole('complementary', { name: 'Archive results' });
  await expect(async () => {
    await search.fill('');
    await search.pressSequentially('archivejet lisb');
    await expect(results.getByRole('article')).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 8_000 });
  await expect(results.getByRole('status')).toHaveText('2 posts matching “archivejet lisb”');
  await search.pressSequentially('on suit', { delay: 20 });
  await expect(results.getByRole('article')).toHaveCount(1);
  await expect(results.getByRole('article')).toContainText('lost my suitcase');
  await search.press('Escape');
  await expect(results).toBeHidden();
});

import { readFileSync } from 'node:fs';
import { addColumn, chooseFromMenu, createPosts, deckOrder, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

// Building the deck: every column kind, filters and mutes, layout that survives a reload, export.

test('every column kind is built from the dialog and fills from its source', async ({ page, workspace }) => {
  await workspace.admin.createUser({ username: 'kind_user', name: 'Kind User' });
  await page.goto(workspace.appUrl);

  // Search, through the query builder: the X query appears in the editable box.
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('radio', { name: 'Search', exact: true }).check();
  await dialog.getByRole('button', { name: 'Query builder' }).click();
  await dialog.getByRole('textbox', { name: 'Any of these words' }).fill('kindwifi kindseat');
  await dialog.getByRole('checkbox', { name: 'Exclude reposts' }).check();
  await expect(dialog.getByRole('textbox', { name: 'Search query' })).toHaveValue('(kindwifi OR kindseat) -is:retweet');
  await dialog.getByRole('button', { name: 'Create column' }).click();
  const search = page.getByRole('region', { name: 'Search: (kindwifi OR kindseat) -is:retweet' });

  const mentions = await addColumn(page, { kind: 'Mentions', account: 'NimbusMobile' }, 'Mentions: @NimbusMobile');
  const user = await addColumn(page, { kind: 'User', username: '@kind_user' }, 'User: @kind_user');
  const archive = await addColumn(page, { kind: 'Archive search', query: 'kindarchive' }, 'Archive: kindarchive');
  // X allows 15 DM reads per handle per 15 minutes: the column's first read brings this one.
  await workspace.admin.createDm({ from: 'kind_dm_sender', to: 'AcmeAir', text: 'kinddm my booking reference is QX7781, please help' });
  const dms = await addColumn(page, { kind: 'Direct messages' }, 'Direct messages: @AcmeAir');

  await workspace.admin.createPost({ author: 'kind_fan', text: 'kindseat is broken on the app' });
  await workspace.admin.createPost({ author: 'kind_fan', text: '@NimbusMobile kind question about my plan' });
  await workspace.admin.createPost({ author: 'kind_user', text: 'kind_user posting about lounges' });
  // The archive holds what the app stored (here through the search column) and finds it locally.
  await workspace.admin.createPost({ author: 'kind_fan', text: 'kindseat kindarchive should be found locally' });

  await expect(search.getByRole('article').filter({ hasText: 'kindseat is broken' })).toBeVisible({ timeout: 5_000 });
  await expect(mentions.getByRole('article').filter({ hasText: 'kind question about my plan' })).toBeVisible({ timeout: 5_000 });
  await expect(user.getByRole('article').filter({ hasText: 'posting about lounges' })).toBeVisible({ timeout: 5_000 });
  await expect(archive.getByRole('article').filter({ hasText: 'kindarchive should be found' })).toBeVisible({ timeout: 5_000 });
  const conversation = dms.getByRole('article', { name: /Conversation with/ });
  await expect(conversation.filter({ hasText: 'kinddm my booking reference is QX7781' })).toBeVisible({ timeout: 5_000 });

  // Notifications are on for Mentions only, by default.
  await mentions.getByRole('button', { name: 'Column options' }).click();
  await expect(mentions.getByRole('menuitemcheckbox', { name: 'Desktop notifications' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await search.getByRole('button', { name: 'Column options' }).click();
  await expect(search.getByRole('menuitemcheckbox', { name: 'Desktop notifications' })).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Escape');

  // A post card: counts, Open on X (https only), a hashtag that opens the dialog preset.
  const card = search.getByRole('article').filter({ hasText: 'kindseat is broken' });
  await expect(card.getByRole('link', { name: 'Open on X' })).toHaveAttribute('href', /^https:\/\/x\.com\/kind_fan\/status\/\d+$/);
  await expect(card.getByText('0 likes')).toBeAttached();

  for (const column of [search, mentions, user, archive, dms]) await removeColumn(column);
});

test('column filters and the mute list hide and show posts at once', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'filterjet' }, 'Search: filterjet');
  await workspace.admin.createUser({ username: 'filter_big', followers: 5_000, verified: true });
  const [root] = await createPosts(workspace.admin, 1, () => 'filterjet root post about seats', 'filter_big');
  await workspace.admin.createPost({ author: 'filter_spam', text: 'filterjet PROMO code inside, win big' });
  await workspace.admin.createPost({ author: 'filter_small', text: 'filterjet a reply to the root', in_reply_to_post_id: root });
  const articles = column.getByRole('article');
  await expect(articles).toHaveCount(3, { timeout: 5_000 });

  await chooseFromMenu(column, 'Filters');
  const filters = column.getByRole('form', { name: 'Filters' });
  await filters.getByRole('textbox', { name: 'Hide words' }).fill('promo');
  await expect(articles.filter({ hasText: 'PROMO code' })).toHaveCount(0);
  await expect(articles).toHaveCount(2);
  await filters.getByRole('checkbox', { name: 'Hide replies' }).check();
  await expect(articles).toHaveCount(1);
  await expect(column.getByText('2 filters')).toBeVisible();
  await filters.getByRole('spinbutton', { name: 'Minimum followers' }).fill('10000');
  await expect(articles).toHaveCount(0);
  await filters.getByRole('spinbutton', { name: 'Minimum followers' }).fill('');
  await filters.getByRole('textbox', { name: 'Hide pattern (regular expression)' }).fill('(unclosed');
  await expect(filters.getByRole('alert')).toContainText('Hidden pattern');
  await filters.getByRole('textbox', { name: 'Hide pattern (regular expression)' }).fill('seats$');
  await expect(articles).toHaveCount(0);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(articles).toHaveCount(3);
  await filters.getByRole('button', { name: 'Done' }).click();
  await expect(filters).toBeHidden();

  // The global mute list, from the header.
  await page.getByRole('button', { name: 'Muted words and users' }).click();
  const mutes = page.getByRole('dialog', { name: 'Muted words and users' });
  await mutes.getByRole('textbox', { name: 'Muted users' }).fill('@filter_spam');
  await mutes.getByRole('button', { name: 'Save mutes' }).click();
  await expect(mutes).toBeHidden();
  await expect(articles.filter({ hasText: 'PROMO code' })).toHaveCount(0);
  await expect(articles).toHaveCount(2);
  await page.getByRole('button', { name: 'Muted words and users' }).click();
  await mutes.getByRole('textbox', { name: 'Muted users' }).fill('');
  await mutes.getByRole('button', { name: 'Save mutes' }).click();
  await expect(articles).toHaveCount(3);
});

test('columns are renamed, reordered by drag and keyboard, resized and collapsed, and stay so after a reload', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const first = await addColumn(page, { kind: 'Search', query: 'layoutalpha' }, 'Search: layoutalpha');
  await addColumn(page, { kind: 'Search', query: 'layoutbeta' }, 'Search: layoutbeta');
  const relative = async () => (await deckOrder(page)).filter((title) => title.includes('layout') || title === 'Alpha desk');
  expect(await relative()).toEqual(['Search: layoutalpha', 'Search: layoutbeta']);

  // Rename in place.
  await chooseFromMenu(first, 'Rename');
  await first.getByRole('textbox', { name: 'Column title' }).fill('Alpha desk');
  await page.keyboard.press('Enter');
  const alpha = page.getByRole('region', { name: 'Alpha desk', exact: true });
  await expect(alpha).toBeVisible();
  const beta = page.getByRole('region', { name: 'Search: layoutbeta', exact: true });

  // Keyboard: the menu, then Alt+←.
  await chooseFromMenu(alpha, 'Move right');
  expect(await relative()).toEqual(['Search: layoutbeta', 'Alpha desk']);
  await alpha.getByRole('button', { name: 'Column options' }).focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(relative).toEqual(['Alpha desk', 'Search: layoutbeta']);
  await expect(alpha.getByRole('button', { name: 'Column options' })).toBeFocused();

  // Drag beta's header onto the left half of alpha.
  await beta.getByRole('heading', { name: 'Search: layoutbeta' }).dragTo(alpha, { targetPosition: { x: 20, y: 200 } });
  await expect.poll(relative).toEqual(['Search: layoutbeta', 'Alpha desk']);

  // Resize: keyboard on the handle, then a drag.
  const handle = alpha.getByRole('separator', { name: 'Resize column Alpha desk' });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', '380');
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(middle.x, middle.y);
  await page.mouse.down();
  await page.mouse.move(middle.x - 50, middle.y, { steps: 5 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '330');
  expect(Math.round((await alpha.boundingBox())!.width)).toBe(330);

  // Collapse beta.
  await beta.getByRole('button', { name: 'Collapse column' }).click();
  await expect(beta.getByRole('button', { name: 'Expand column' })).toBeVisible();

  await page.reload();
  await expect(alpha).toBeVisible();
  expect(await relative()).toEqual(['Search: layoutbeta', 'Alpha desk']);
  expect(Math.round((await alpha.boundingBox())!.width)).toBe(330);
  await expect(beta.getByRole('button', { name: 'Expand column' })).toBeVisible();

  // A collapsed column still counts what arrives, in its badge and the window title.
  await workspace.admin.createPost({ author: 'layout_fan', text: 'layoutbeta one' });
  await workspace.admin.createPost({ author: 'layout_fan', text: 'layoutbeta two' });
  await expect(beta.getByText('2 unread')).toBeAttached({ timeout: 5_000 });
  await expect(page).toHaveTitle(/^\(\d+\) Deckhand$/);
  await beta.getByRole('button', { name: 'Expand column' }).click();
  await expect(beta.getByRole('article')).toHaveCount(2);
  await expect(beta.getByText('2 unread')).toHaveCount(0, { timeout: 5_000 });
});

test('export downloads every post of the column as CSV and JSON, not only the loaded ones', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'exportjet' }, 'Search: exportjet');
  const ids = await createPosts(workspace.admin, 230, (index) => `exportjet report line ${index}, "quoted"`);
  await expect(column.getByRole('article').first()).toContainText('exportjet report line 229', { timeout: 10_000 });
  expect(await column.getByRole('article').count()).toBeLessThan(60); // virtualised: most are not in the DOM

  const csvDownload = page.waitForEvent('download');
  await chooseFromMenu(column, 'Export CSV');
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^deckhand-.*\.csv$/);
  const rows = readFileSync((await csv.path())!, 'utf8').trim().split(/\r?\n/);
  expect(rows[0]).toBe('post_id,created_at,author,author_name,text,url');
  expect(rows).toHaveLength(231);
  expect(new Set(rows.slice(1).map((row) => row.split(',')[0]))).toEqual(new Set(ids));
  await expect(page.getByRole('status').filter({ hasText: 'Exported 230 posts' })).toBeVisible();

  const jsonDownload = page.waitForEvent('download');
  await chooseFromMenu(column, 'Export JSON');
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const parsed = JSON.parse(readFileSync((await json.path())!, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { posts: unknown[] }).posts;
  expect(list).toHaveLength(230);
});

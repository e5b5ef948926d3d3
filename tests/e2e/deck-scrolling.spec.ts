import { addColumn, createPosts, postTop, scrollTopOf, topVisiblePost, trickle, wheel } from './deck-helpers';
import { expect, test } from './fixtures';

// A column of many posts: only what is near the viewport is in the DOM, older pages arrive as the
// agent scrolls, and posts arriving at 50/s never move what they are reading.

test('while posts arrive at 50/s, the post being read stays where it is; "Show N new posts" jumps to the top', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'anchorjet' }, 'Search: anchorjet');
  await createPosts(workspace.admin, 80, (index) => `anchorjet earlier post ${index} ${'with some words to wrap '.repeat(index % 4)}`);
  await expect(column.getByRole('article').first()).toContainText('anchorjet earlier post 79', { timeout: 10_000 });

  await wheel(page, column, 1_800);
  expect(await scrollTopOf(column)).toBeGreaterThan(1_000);
  const reading = await topVisiblePost(column);

  // Scroll offsets are whole device pixels: the post may round by a fraction of one, never more.
  const drift = async () => Math.abs((await postTop(column, reading.id))! - reading.top);
  const arriving = trickle(workspace.admin, 50, 3, (index) => `anchorjet live post ${index}`);
  let sent = 0;
  try {
    for (let check = 0; check < 6; check++) {
      await page.waitForTimeout(500);
      expect(await drift()).toBeLessThanOrEqual(1);
    }
  } finally {
    sent = await arriving;
  }
  await expect(column.getByRole('button', { name: /^Show \d+ new posts?$/ })).toHaveText(`Show ${sent} new posts`, { timeout: 5_000 });
  expect(await drift()).toBeLessThanOrEqual(1);

  await column.getByRole('button', { name: /^Show \d+ new/ }).click();
  await expect.poll(() => scrollTopOf(column)).toBe(0);
  await expect(column.getByRole('article').first()).toContainText(`anchorjet live post ${sent - 1}`);
  await expect(column.getByRole('button', { name: /^Show \d+ new/ })).toHaveCount(0);
  // At the top, the column follows live posts again.
  await workspace.admin.createPost({ author: 'live_traffic', text: 'anchorjet newest at the top' });
  await expect(column.getByRole('article').first()).toContainText('anchorjet newest at the top', { timeout: 5_000 });
});

test('a long column keeps few posts in the DOM, pages older posts while scrolling, and reopens where the agent was', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'pagingjet' }, 'Search: pagingjet');
  await createPosts(workspace.admin, 330, (index) => `pagingjet post number ${index}`);
  await expect(column.getByRole('article').first()).toContainText('pagingjet post number 329', { timeout: 15_000 });
  expect(await column.getByRole('article').count()).toBeLessThan(40);

  // Opened afresh, the column holds its newest page; scrolling to the end pages older posts in.
  const pages: unknown[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { method?: string; input?: { beforeId?: string } };
      if (message.method === 'listColumnPosts' && message.input?.beforeId) pages.push(message.input);
    }),
  );
  await page.reload();
  await expect(column.getByRole('article').first()).toContainText('pagingjet post number 329');
  await expect
    .poll(
      async () => {
        await wheel(page, column, 6_000);
        return column.getByRole('article').filter({ hasText: /pagingjet post number 0(?!\d)/ }).count();
      },
      { timeout: 20_000, intervals: [50] },
    )
    .toBe(1);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(await column.getByRole('article').count()).toBeLessThan(40);

  // Back up to somewhere in the middle, then reload: the column opens on the same post.
  await wheel(page, column, -9_000);
  const reading = await topVisiblePost(column);
  await page.waitForTimeout(700); // the position is saved when scrolling settles
  await page.reload();
  await expect.poll(async () => (await topVisiblePost(column)).id, { timeout: 10_000 }).toBe(reading.id);
  expect(Math.abs((await postTop(column, reading.id))! - reading.top)).toBeLessThanOrEqual(2);

  // Posts that arrived since: marked by the line and counted by "Show N new posts".
  await workspace.admin.createPost({ author: 'deck_tester', text: 'pagingjet arrived after the reload' });
  await expect(column.getByRole('button', { name: 'Show 1 new post' })).toBeVisible({ timeout: 5_000 });
});

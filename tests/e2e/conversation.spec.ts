// Opening a post's conversation: a reply chain injected through the sandbox's admin API is shown
// from its middle with the posts above it up to the root, the replies after it (the brand's own
// with who sent it), updating live as the conversation goes on; the customer beside it.
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('the conversation of a post: ancestors, replies, the brand’s replies with their sender, live; and its customer', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'threadtest' }, 'Search: threadtest');
  // (No @AcmeAir mention: the worker's other specs share this sandbox and watch the brand's mentions.)
  const root = await workspace.admin.createPost({ author: 'thread_casey', text: 'threadtest my flight AB123 was cancelled' });
  const middle = await workspace.admin.createPost({ author: 'thread_dana', text: '@thread_casey threadtest same here, no rebooking yet', in_reply_to_post_id: root.id });
  await workspace.admin.createPost({ author: 'thread_casey', text: '@thread_dana threadtest still waiting', in_reply_to_post_id: middle.id });
  // The brand's own answer in the thread (as its account posted it).
  await workspace.admin.createPost({ author: 'AcmeAir', text: '@thread_casey threadtest we rebooked you on AB125', in_reply_to_post_id: root.id });
  await expect(column.getByRole('article').filter({ hasText: 'we rebooked you on AB125' })).toBeVisible({ timeout: 5_000 });

  const middleCard = column.getByRole('article').filter({ hasText: 'same here, no rebooking yet' });
  await middleCard.getByRole('button', { name: 'Open conversation' }).click();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const posts = conversation.getByRole('list', { name: 'Posts of the conversation' }).getByRole('listitem');
  await expect(posts).toHaveCount(4, { timeout: 5_000 });
  await expect(posts.nth(0)).toContainText('my flight AB123 was cancelled');
  await expect(posts.nth(1)).toContainText('same here, no rebooking yet');
  await expect(posts.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(posts.filter({ hasText: 'we rebooked you on AB125' })).toContainText('Sent by You');
  await expect(posts.filter({ hasText: 'still waiting' })).toBeVisible();

  // The conversation goes on: the new reply appears in the open view.
  await workspace.admin.createPost({ author: 'thread_casey', text: '@thread_dana threadtest thanks, got the new boarding pass', in_reply_to_post_id: root.id });
  await expect(posts).toHaveCount(5, { timeout: 5_000 });
  await expect(posts.last()).toContainText('got the new boarding pass');

  // Beside it, the customer: who they are and what they wrote.
  const customer = page.getByRole('complementary', { name: 'Customer' });
  await expect(customer).toContainText('@thread_casey');
  await expect(customer.getByRole('region', { name: 'Their posts' })).toContainText('my flight AB123 was cancelled');

  await conversation.getByRole('button', { name: 'Close conversation' }).click();
  await expect(conversation).toBeHidden();
  await removeColumn(column);
});

import { eventually } from '../helpers/sandbox';
import { expect, test } from './fixtures';

test('an agent adds a search column, sees a matching post arrive live, and replies as the brand', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await expect(page.getByText('Demo workspace')).toBeVisible();

  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('radio', { name: 'Search', exact: true }).check();
  await dialog.getByRole('combobox', { name: 'Account' }).selectOption({ label: '@AcmeAir' });
  await dialog.getByRole('textbox', { name: 'Search query' }).fill('delay');
  await dialog.getByRole('button', { name: 'Create column' }).click();

  const column = page.getByRole('region', { name: 'Search: delay' });
  await expect(column).toBeVisible();
  await expect(column.getByText('Live')).toBeVisible();

  const text = 'Third delay on AA1234 this month @AcmeAir, what is going on? https://status.example.com/aa1234 #travel';
  const { id } = await workspace.admin.createPost({ author: 'maria_flies', text });
  const post = column.getByRole('article').filter({ hasText: 'Third delay on AA1234' });
  await expect(post).toBeVisible({ timeout: 3_000 });
  await expect(post.getByRole('link', { name: /status\.example\.com/ })).toHaveAttribute('href', 'https://status.example.com/aa1234');
  await expect(column.getByRole('article')).toHaveCount(1);

  await post.getByRole('button', { name: 'Reply' }).click();
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  await expect(replyText).toHaveValue('@maria_flies ');
  await replyText.fill('@maria_flies We are sorry, Maria. AA1234 is cleared to leave at 15:10; we will DM you a meal voucher.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @AcmeAir' })).toBeVisible();

  const reply = await eventually(async () => (await workspace.admin.postsBy('AcmeAir')).find((p) => p.in_reply_to_post_id === id), 5_000, 'the reply in the sandbox');
  expect(reply.text).toContain('AA1234 is cleared to leave at 15:10');
});

test('a bad query is explained in the dialog and nothing is lost', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('textbox', { name: 'Search query' }).fill('(unbalanced');
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await expect(dialog.getByText(/X refused the query/)).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Search query' })).toHaveValue('(unbalanced');
  await expect(page.getByRole('region', { name: 'Search: (unbalanced' })).toHaveCount(0);
});

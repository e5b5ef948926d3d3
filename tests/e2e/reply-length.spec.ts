import { eventually } from '../helpers/sandbox';
import { addColumn } from './deck-helpers';
import { expect, test } from './fixtures';

// The composer counts as X does: CJK characters count 2 and a link 23, so the agent sees the
// overflow X would refuse before sending, and a long link does not eat the budget.
test('the reply counter counts as X does and Send says why it is refused', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'suitcase' }, 'Search: suitcase');
  await workspace.admin.createPost({ author: 'kaito_t', text: '@AcmeAir my suitcase did not arrive in Osaka' });
  const post = column.getByRole('article').filter({ hasText: 'my suitcase did not arrive' });
  await expect(post).toBeVisible({ timeout: 3_000 });

  await post.getByRole('button', { name: 'Reply' }).click();
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  // UI contract: the remaining length is the element named "Characters left".
  const counter = page.getByRole('status', { name: 'Characters left', exact: true });
  const send = page.getByRole('button', { name: 'Send' });

  // Only the prefilled mention says nothing yet: Send waits for a word.
  await expect(replyText).toHaveValue('@kaito_t ');
  await expect(send).toBeDisabled();
  await expect(page.getByText('Write your reply after the @mention')).toBeVisible();

  await replyText.fill(`@kaito_t ${'申'.repeat(140)}`);
  await expect(counter).toHaveText('-9');
  await expect(send).toBeDisabled();
  await expect(page.getByText('Reply text is 289 characters as X counts them; the limit is 280')).toBeVisible();
  await expect(send).toHaveAccessibleDescription('Reply text is 289 characters as X counts them; the limit is 280');

  const link = `https://status.acmeair.com/baggage/${'OSA-4471/'.repeat(30)}`;
  const reply = `@kaito_t 申し訳ございません。 ${link}`;
  await replyText.fill(reply);
  // 325 code points, but X counts 53: "@kaito_t " 9, ten CJK characters 20, a space 1, the link 23.
  await expect(counter).toHaveText('227');
  await expect(page.getByText(/characters as X counts them/)).toBeHidden();
  await send.click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @AcmeAir' })).toBeVisible();
  const sent = await eventually(async () => (await workspace.admin.postsBy('AcmeAir')).find((p) => p.text.includes('申し訳ございません')), 5_000, 'the reply in the sandbox');
  expect(sent.text).toBe(reply);
});

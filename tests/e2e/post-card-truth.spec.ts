// Cards that tell the truth: after a reply, every card of the post (here in two columns) says it was
// answered and counts the reply, without a reload; the brand's own reply says what it answered; a
// like is pressed and counted and reaches X; clicking the post's text opens its conversation, and
// a @mention the user's profile. (On @NimbusMobile: the worker's other specs watch @AcmeAir.)
import { eventually } from '../helpers/sandbox';
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('a reply, a like and clicks on a card, shown at once in every column holding the post', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const first = await addColumn(page, { kind: 'Search', query: 'cardtruth', account: 'NimbusMobile' }, 'Search: cardtruth');
  const second = await addColumn(page, { kind: 'Search', query: 'cardtruth signal', account: 'NimbusMobile' }, 'Search: cardtruth signal');
  await workspace.admin.createPost({ author: 'truth_tess', text: '@NimbusMobile cardtruth my signal dropped in Leeds' });
  const cards = [first, second].map((column) => column.getByRole('article').filter({ hasText: 'my signal dropped in Leeds' }).filter({ hasNotText: 'Replying to' }));
  for (const card of cards) {
    await expect(card).toBeVisible({ timeout: 5_000 });
    await expect(card).toContainText('0 replies');
    await expect(card).not.toContainText('Answered by');
  }

  // A reply from the first column's card: both cards say so at once.
  await cards[0]!.getByRole('button', { name: 'Reply', exact: true }).click();
  await page.getByRole('textbox', { name: 'Reply text' }).fill('@truth_tess cardtruth sorry Tess, we are on it');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' })).toBeVisible();
  for (const card of cards) {
    await expect(card).toContainText('Answered by you', { timeout: 2_000 });
    await expect(card).toContainText('1 reply');
  }

  // The brand's own reply, filed by the search, says what it answered.
  const reply = first.getByRole('article').filter({ hasText: 'sorry Tess, we are on it' });
  await expect(reply).toContainText('Replying to @truth_tess: @NimbusMobile cardtruth my signal dropped in Leeds', { timeout: 5_000 });

  // Like, from the second column: pressed and counted on both cards, and X got it.
  const like = cards[1]!.getByRole('button', { name: 'Like', exact: true });
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await like.click();
  for (const card of cards) {
    await expect(card.getByRole('button', { name: 'Like', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(card).toContainText('1 like');
  }
  await eventually(async () => (await workspace.admin.requests()).some((request) => request.method === 'POST' && /^\/2\/users\/\d+\/likes$/.test(request.path) && request.status === 200), 5_000, 'the like at X');

  // Clicking the post's text opens its conversation.
  await cards[0]!.getByText('my signal dropped in Leeds').click();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toBeVisible();
  await expect(conversation.getByRole('listitem').filter({ hasText: 'my signal dropped in Leeds' })).toHaveAttribute('aria-current', 'true');
  await conversation.getByRole('button', { name: 'Close conversation' }).click();

  // A @mention opens that user's profile, not the add-column dialog.
  await reply.getByRole('button', { name: '@truth_tess', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Customer' })).toContainText('@truth_tess');
  await expect(page.getByRole('dialog', { name: 'Add column' })).toBeHidden();
  await page.getByRole('button', { name: 'Close profile' }).click();

  await removeColumn(first);
  await removeColumn(second);
});

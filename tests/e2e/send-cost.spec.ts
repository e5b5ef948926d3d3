// What sending costs, shown before sending: the reply composer says X's pay-per-use price (the
// sandbox's published one in the demo), which turns into the dearer "post with a URL" price as
// soon as a link is typed; the DM thread says a DM's; and the column header's spend today for the
// handle moves by what X took.
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

/** "$0.215 today" → 0.215. */
function dollars(text: string | null): number {
  const match = /\$([0-9]+\.[0-9]+) today/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no spend in "${text ?? ''}"`);
  return Number(match[1]);
}

test('the cost before Send follows a typed URL, and the header’s spend today moves with each send', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'costcheck', account: 'NimbusMobile' }, 'Search: costcheck');
  await workspace.admin.createPost({ author: 'cost_casey', text: '@NimbusMobile costcheck my roaming bill doubled' });
  const card = column.getByRole('article').filter({ hasText: 'roaming bill doubled' });
  await expect(card).toBeVisible({ timeout: 5_000 });
  // The worker's other specs send as @NimbusMobile too: the spend is read, then compared.
  const spend = column.getByRole('status', { name: 'Spend today' });
  await expect(spend).toHaveText(/^\$[0-9.]+ today$/);
  const before = dollars(await spend.textContent());

  await card.getByRole('button', { name: 'Reply' }).click();
  const composer = page.getByRole('complementary', { name: 'Reply to @cost_casey' });
  const cost = composer.getByRole('status', { name: 'Cost' });
  const replyText = composer.getByRole('textbox', { name: 'Reply text' });
  await replyText.pressSequentially('Sorry Casey, ');
  await expect(cost).toHaveText('Costs $0.015');
  await replyText.pressSequentially('the fix is at nimbus.com/roaming');
  await expect(cost).toHaveText('Costs $0.20');
  await replyText.fill('@cost_casey Sorry Casey, we have refunded the roaming charge');
  await expect(cost).toHaveText('Costs $0.015');
  await replyText.fill('@cost_casey Sorry Casey, details at https://nimbus.com/roaming');
  await expect(cost).toHaveText('Costs $0.20');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' })).toBeVisible();
  await expect.poll(async () => dollars(await spend.textContent())).toBeCloseTo(before + 0.2, 6);

  // "Move to DM": the invitation (no URL) is a post, then the thread's message a DM.
  await card.getByRole('button', { name: 'Move to DM' }).click();
  await expect(composer.getByRole('status', { name: 'Cost' })).toHaveText('Costs $0.015');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(async () => dollars(await spend.textContent())).toBeCloseTo(before + 0.215, 6);
  const thread = page.getByRole('region', { name: 'Direct messages with @cost_casey' });
  await thread.getByRole('textbox', { name: 'Message text' }).fill('Casey, the refund is on https://nimbus.com/account');
  await expect(thread.getByRole('status', { name: 'Cost' })).toHaveText('Costs $0.015');
  await thread.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Message sent as @NimbusMobile' })).toBeVisible();
  await expect.poll(async () => dollars(await spend.textContent())).toBeCloseTo(before + 0.23, 6);

  // The worker's next specs share this workspace: leave it as it was.
  await thread.getByRole('button', { name: 'Close messages' }).click();
  await removeColumn(column);
});

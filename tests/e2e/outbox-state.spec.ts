// Where a reply stands on its way out, on the draft: "Sending" while X has not answered, "Failed"
// with X's words when it refused (the draft kept for another try), and the retry goes out once.
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('a reply shows Sending while X answers, Failed with the reason when X refuses, and is sent once on retry', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  // @NimbusMobile: the worker's other specs count @AcmeAir's mentions.
  const column = await addColumn(page, { kind: 'Search', query: 'statejet', account: 'NimbusMobile' }, 'Search: statejet');
  await workspace.admin.createPost({ author: 'state_sam', text: '@NimbusMobile statejet my eSIM will not activate' });
  const card = column.getByRole('article').filter({ hasText: 'eSIM will not activate' });
  await expect(card).toBeVisible({ timeout: 10_000 });

  await card.getByRole('button', { name: 'Reply' }).click();
  const draft = page.getByRole('textbox', { name: 'Reply text' });
  await draft.fill('@state_sam Sorry! Restart the phone once, then try again.');
  await workspace.admin.fault({ kind: 'http_error', status: 503, path: '/2/tweets' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /^Failed:/ })).toBeVisible({ timeout: 10_000 });
  await expect(draft).toHaveValue('@state_sam Sorry! Restart the phone once, then try again.');

  // X takes the retry but answers two seconds late: the draft says it is on its way meanwhile.
  await workspace.admin.fault({ kind: 'late_answer', seconds: 2, path: '/2/tweets' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Sending$/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' })).toBeVisible({ timeout: 10_000 });
  expect((await workspace.admin.postsBy('NimbusMobile')).filter((post) => post.text.includes('Restart the phone once'))).toHaveLength(1);
  await removeColumn(column);
});

// Saved replies in the composer: the agent writes the handle's first ones (a bad variable is named
// and nothing is kept), picks one with `/` and the keyboard, sees it filled in for the customer,
// and the sandbox receives that text; "Move to DM" starts from the saved reply of that name; the
// list is still there after a reload.
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('saved replies are written, picked with / and filled in for the customer, and kept', async ({ page, workspace }) => {
  await workspace.admin.createUser({ username: 'saved_mika', name: 'Mika Sato' });
  await page.goto(workspace.appUrl);
  // @NimbusMobile: the worker's other specs count @AcmeAir's mentions.
  const column = await addColumn(page, { kind: 'Search', query: 'savedjet', account: 'NimbusMobile' }, 'Search: savedjet');
  await workspace.admin.createPost({ author: 'saved_mika', text: '@NimbusMobile savedjet I was charged twice for my plan' });
  const card = column.getByRole('article').filter({ hasText: 'charged twice' });
  await expect(card).toBeVisible({ timeout: 10_000 });

  await card.getByRole('button', { name: 'Reply' }).click();
  const draft = page.getByRole('textbox', { name: 'Reply text' });
  await expect(draft).toHaveValue('@saved_mika ');
  await page.getByRole('button', { name: 'Saved replies' }).click();
  await expect(page.getByText('This handle has no saved replies yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Edit saved replies' }).click();

  const editor = page.getByRole('dialog', { name: 'Saved replies for @NimbusMobile' });
  await editor.getByRole('button', { name: 'Add saved reply' }).click();
  await editor.getByRole('textbox', { name: 'Name' }).fill('Refund');
  await editor.getByRole('textbox', { name: 'Text' }).fill('Hi {customer.name|there}, the second charge for order {order} is refunded.');
  await editor.getByRole('button', { name: 'Save saved replies' }).click();
  await expect(editor.getByRole('alert')).toHaveText(/^“Refund”: Unknown variable \{order\}/);
  await editor.getByRole('textbox', { name: 'Text' }).fill('Hi {customer.name|there}, the second charge is refunded.');
  await editor.getByRole('button', { name: 'Add saved reply' }).click();
  await editor.getByRole('textbox', { name: 'Name' }).nth(1).fill('Move to DM');
  await editor.getByRole('textbox', { name: 'Text' }).nth(1).fill('{customer.name|Hello}, let us sort this out in private: please send us a DM.');
  await editor.getByRole('button', { name: 'Save saved replies' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '2 saved replies kept for @NimbusMobile' })).toBeVisible();

  // `/` and a few letters open the list from the draft; Enter picks the highlighted reply.
  await draft.focus();
  await draft.press('End');
  await draft.pressSequentially('/ref');
  const list = page.getByRole('listbox', { name: 'Saved replies' });
  await expect(list.getByRole('option')).toHaveText([/^Refund/]);
  await expect(list.getByRole('option', { name: /Refund/ })).toHaveAttribute('aria-selected', 'true');
  await draft.press('Enter');
  await expect(draft).toHaveValue('@saved_mika Hi Mika Sato, the second charge is refunded.');
  await expect(list).toBeHidden();
  await expect(draft).toBeFocused();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' })).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await workspace.admin.postsBy('NimbusMobile')).map((post) => post.text)).toContain('@saved_mika Hi Mika Sato, the second charge is refunded.');

  // "Move to DM" posts the team's own invitation, filled in.
  await card.getByRole('button', { name: 'Move to DM' }).click();
  await expect(draft).toHaveValue('@saved_mika Mika Sato, let us sort this out in private: please send us a DM.');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Kept on this desktop: after a reload the button lists both, the search box narrows them.
  await page.reload();
  await card.getByRole('button', { name: 'Reply' }).click();
  await page.getByRole('button', { name: 'Saved replies' }).click();
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Find a saved reply' }).fill('private');
  await expect(list.getByRole('option')).toHaveText([/^Move to DM/]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await removeColumn(column);
});

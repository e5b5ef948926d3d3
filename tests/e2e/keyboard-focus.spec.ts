import { expect, test } from './fixtures';

// Keyboard users: dialogs and the reply panel take focus when they open, Escape closes them, and
// focus goes back to the control that opened them.

test('the add-column dialog takes focus, closes on Escape, and gives focus back', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const addColumn = page.getByRole('button', { name: 'Add column' });
  await expect(addColumn).toBeEnabled();
  await addColumn.focus();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Search query' })).toBeFocused();
  await page.keyboard.type('half-typed');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(addColumn).toBeFocused();
  await expect(page.getByRole('region', { name: 'Search: half-typed' })).toHaveCount(0);

  // Opened again, it starts clean and Cancel behaves like Escape.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Search query' })).toHaveValue('');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(addColumn).toBeFocused();
});

test('the reply panel takes focus with the draft ready, and Escape returns to the post', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  await dialog.getByRole('textbox', { name: 'Search query' }).fill('kbdfocus');
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await expect(dialog).toBeHidden();

  const column = page.getByRole('region', { name: 'Search: kbdfocus' });
  await expect(column).toBeVisible();
  await workspace.admin.createPost({ author: 'keyboard_kim', text: 'kbdfocus: can @AcmeAir confirm my seat?' });
  const post = column.getByRole('article').filter({ hasText: 'can @AcmeAir confirm my seat?' });
  await expect(post).toBeVisible({ timeout: 3_000 });

  const reply = post.getByRole('button', { name: 'Reply' });
  await reply.focus();
  await page.keyboard.press('Enter');
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  await expect(replyText).toBeFocused();
  await expect(replyText).toHaveValue('@keyboard_kim ');
  await expect(page.getByRole('complementary', { name: 'Reply to @keyboard_kim' }).getByRole('combobox', { name: 'Account' })).toHaveValue(/\d+/);

  await page.keyboard.press('Escape');
  await expect(replyText).toBeHidden();
  await expect(reply).toBeFocused();

  // Switching to another post while the panel is open: Escape returns to that post instead.
  await workspace.admin.createPost({ author: 'keyboard_lou', text: 'kbdfocus: @AcmeAir is lounge access included?' });
  const second = column.getByRole('article').filter({ hasText: 'is lounge access included?' });
  await expect(second).toBeVisible({ timeout: 3_000 });
  await reply.click();
  await expect(replyText).toHaveValue('@keyboard_kim ');
  await second.getByRole('button', { name: 'Reply' }).click();
  await expect(replyText).toBeFocused();
  await expect(replyText).toHaveValue('@keyboard_lou ');
  await page.keyboard.press('Escape');
  await expect(second.getByRole('button', { name: 'Reply' })).toBeFocused();
});

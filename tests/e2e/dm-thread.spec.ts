// A DMs column opens a conversation as a thread: the customer's messages, newest at the bottom,
// and the agent answers as the handle; the message lands at X (the sandbox) and in the thread.
// "Move to DM" on a public post invites the customer in public and opens the thread with them.
import { eventually } from '../helpers/sandbox';
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('a DM conversation opens as a thread and the agent answers it as the brand', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  // The DMs are there before the column, whose first read brings them. X allows a handle few DM
  // reads (15 per 15 minutes): this spec uses @NimbusMobile, whose reads the worker's other specs leave.
  await workspace.admin.createDm({ from: 'dm_kaito', to: 'NimbusMobile', text: 'My booking AB1234 vanished from the app' });
  await workspace.admin.createDm({ from: 'dm_kaito', to: 'NimbusMobile', text: 'Can you check it please?' });
  const column = await addColumn(page, { kind: 'Direct messages', account: 'NimbusMobile' }, 'Direct messages: @NimbusMobile');
  const card = column.getByRole('article').filter({ hasText: 'dm_kaito' });
  await expect(card).toBeVisible({ timeout: 10_000 });
  await card.getByRole('button', { name: /open messages/ }).click();

  const thread = page.getByRole('region', { name: 'Direct messages with @dm_kaito' });
  const messages = thread.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await expect(messages).toHaveCount(2);
  await expect(messages.last()).toContainText('Can you check it please?');
  await expect(thread.getByRole('textbox', { name: 'Message text' })).toBeFocused();
  await expect(thread.getByRole('button', { name: 'Send message' })).toBeDisabled();

  await thread.getByRole('textbox', { name: 'Message text' }).fill('Hi Kaito, AB1234 is safe: I have re-linked it to your profile. ^AB');
  await thread.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Message sent as @NimbusMobile' })).toBeVisible();
  await expect(thread.getByText('Sent', { exact: true })).toBeVisible();
  await expect(messages).toHaveCount(3);
  await expect(messages.last()).toContainText('re-linked it to your profile');
  await expect(messages.last()).toContainText('You');
  await expect(thread.getByRole('textbox', { name: 'Message text' })).toHaveValue('');

  const sent = await eventually(async () => {
    const response = await fetch(`${workspace.sandboxUrl ?? ''}/_sandbox/dms?participant=dm_kaito&limit=50`);
    const { dms } = (await response.json()) as { dms: { text: string }[] };
    return dms.find((dm) => dm.text.includes('re-linked it to your profile'));
  }, 5_000, 'the DM at the sandbox');
  expect(sent.text).toBe('Hi Kaito, AB1234 is safe: I have re-linked it to your profile. ^AB');

  // The worker's next specs share this workspace: leave it as it was.
  await thread.getByRole('button', { name: 'Close messages' }).click();
  await removeColumn(column);
});

test('Move to DM: a short public invitation goes out, and the DM thread with the customer opens to continue in private', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'movetodm', account: 'NimbusMobile' }, 'Search: movetodm');
  const { id } = await workspace.admin.createPost({ author: 'dm_rosa', text: '@NimbusMobile movetodm my account number 55-1234 was charged twice' });
  const card = column.getByRole('article').filter({ hasText: 'charged twice' });
  await expect(card).toBeVisible({ timeout: 5_000 });

  await card.getByRole('button', { name: 'Move to DM' }).click();
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  await expect(replyText).toHaveValue(/^@dm_rosa Thanks for reaching out\. We'd like to help with this in private: please send us a direct message\.$/);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' })).toBeVisible();
  const invitation = await eventually(async () => (await workspace.admin.postsBy('NimbusMobile')).find((post) => post.in_reply_to_post_id === id), 5_000, 'the public invitation at the sandbox');
  expect(invitation.text).toContain('please send us a direct message');

  // The thread with the customer is open (none of it yet): the agent writes first.
  const thread = page.getByRole('region', { name: 'Direct messages with @dm_rosa' });
  await expect(thread.getByRole('textbox', { name: 'Message text' })).toBeFocused();
  await thread.getByRole('textbox', { name: 'Message text' }).fill('Hi Rosa, we see the double charge on 55-1234 and are refunding it now.');
  await thread.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Message sent as @NimbusMobile' })).toBeVisible();
  await expect(thread.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(1);
  await eventually(async () => {
    const response = await fetch(`${workspace.sandboxUrl ?? ''}/_sandbox/dms?participant=dm_rosa&limit=50`);
    const { dms } = (await response.json()) as { dms: { text: string }[] };
    return dms.some((dm) => dm.text.includes('refunding it now'));
  }, 5_000, 'the DM at the sandbox');

  await thread.getByRole('button', { name: 'Close messages' }).click();
  await removeColumn(column);
});

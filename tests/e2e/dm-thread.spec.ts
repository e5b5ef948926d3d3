// A DMs column opens a conversation as a thread: the customer's messages, newest at the bottom,
// and the agent answers as the handle; the message lands at X (the sandbox) and in the thread.
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

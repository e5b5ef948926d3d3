// X's reply rule (self-serve apps since 23 Feb 2026; the sandbox runs pay-per-use): the composer
// says before Send that X will refuse a reply to a post that did not mention or quote the handle,
// sends nothing, and offers the author's DMs or X instead; a post that summoned the handle is
// answered. "Sign replies" ends what X receives with the agent's initials, counted by the composer.
// (@NimbusMobile: the worker's other specs watch @AcmeAir's mentions.)
import type { Page } from '@playwright/test';
import { eventually } from '../helpers/sandbox';
import { addColumn, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

async function setSigning(page: Page, on: boolean, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Accounts' }).click();
  const signing = page.getByRole('dialog', { name: 'Accounts' }).getByRole('group', { name: 'Reply signature of @NimbusMobile' });
  await signing.getByRole('textbox', { name: 'Your name' }).fill(name);
  await signing.getByRole('textbox', { name: 'Your name' }).blur();
  await signing.getByRole('checkbox', { name: 'Sign replies' }).setChecked(on);
  await expect(signing.getByRole('checkbox', { name: 'Sign replies' })).toBeChecked({ checked: on });
  await expect(page.getByRole('dialog', { name: 'Accounts' }).getByRole('alert')).toHaveCount(0);
  await page.getByRole('dialog', { name: 'Accounts' }).getByRole('button', { name: 'Close', exact: true }).click();
}

test('a reply X would refuse under its reply rule is stopped in the composer; a summoned post is answered', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'rulecheck', account: 'NimbusMobile' }, 'Search: rulecheck');
  const unsummoned = await workspace.admin.createPost({ author: 'rule_rosa', text: 'rulecheck nimbus roaming has been down all morning' });
  const card = column.getByRole('article').filter({ hasText: 'roaming has been down' });
  await expect(card).toBeVisible({ timeout: 5_000 });

  await card.getByRole('button', { name: 'Reply', exact: true }).click();
  const replyText = page.getByRole('textbox', { name: 'Reply text' });
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await replyText.fill('@rule_rosa Sorry about that, we are on it.');
  const refusal = 'X will refuse this reply because the post did not mention or quote @NimbusMobile';
  const rule = page.getByRole('group', { name: "X's reply rule" });
  await expect(rule).toContainText(refusal);
  await expect(send).toBeDisabled();
  await expect(send).toHaveAccessibleDescription(new RegExp(`^${refusal}`));
  await expect(rule.getByRole('link', { name: 'Open on X' })).toHaveAttribute('href', `https://x.com/rule_rosa/status/${unsummoned.id}`);
  // The keyboard shortcut does not get past it either: nothing reaches X.
  await replyText.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: refusal })).toBeVisible();
  expect((await workspace.admin.requests()).filter((request) => request.method === 'POST' && request.path === '/2/tweets' && request.status === 403)).toEqual([]);
  expect((await workspace.admin.postsBy('NimbusMobile')).filter((post) => post.in_reply_to_post_id === unsummoned.id)).toEqual([]);

  // The conversation can go on in private.
  await rule.getByRole('button', { name: 'Send a DM instead' }).click();
  await expect(page.getByRole('region', { name: 'Direct messages with @rule_rosa' })).toBeVisible();
  await expect(replyText).toBeHidden();

  const summoned = await workspace.admin.createPost({ author: 'rule_rosa', text: '@NimbusMobile rulecheck still no roaming, can you help?' });
  const summonedCard = column.getByRole('article').filter({ hasText: 'still no roaming' });
  await expect(summonedCard).toBeVisible({ timeout: 5_000 });
  await summonedCard.getByRole('button', { name: 'Reply', exact: true }).click();
  await replyText.fill('@rule_rosa We are restoring roaming now, sorry for the wait.');
  await expect(page.getByRole('status', { name: 'Characters left', exact: true })).toHaveText('220');
  await expect(page.getByRole('group', { name: "X's reply rule" })).toHaveCount(0);
  await send.click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' }).first()).toBeVisible();
  const sent = await eventually(async () => (await workspace.admin.postsBy('NimbusMobile')).find((post) => post.in_reply_to_post_id === summoned.id), 5_000, 'the reply at the sandbox');
  expect(sent.text).toBe('@rule_rosa We are restoring roaming now, sorry for the wait.');
  await removeColumn(column);
});

test('with "Sign replies" on, the reply X receives ends with the agent’s initials, counted in the composer', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  await setSigning(page, true, 'Ana María Bell');
  try {
    const column = await addColumn(page, { kind: 'Search', query: 'signcheck', account: 'NimbusMobile' }, 'Search: signcheck');
    const { id } = await workspace.admin.createPost({ author: 'sign_sam', text: '@NimbusMobile signcheck my eSIM will not activate' });
    const card = column.getByRole('article').filter({ hasText: 'my eSIM will not activate' });
    await expect(card).toBeVisible({ timeout: 5_000 });
    await card.getByRole('button', { name: 'Reply', exact: true }).click();

    const replyText = page.getByRole('textbox', { name: 'Reply text' });
    const counter = page.getByRole('status', { name: 'Characters left', exact: true });
    await expect(page.getByText('Signed ^AB')).toBeVisible();
    // 270 as typed, 274 with " ^AB"; 277 as typed is 281 signed: over the limit, said before Send.
    await replyText.fill(`@sign_sam ${'a'.repeat(260)}`);
    await expect(counter).toHaveText('6');
    await replyText.fill(`@sign_sam ${'a'.repeat(267)}`);
    await expect(counter).toHaveText('-1');
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription('Reply text with the signature ^AB is 281 characters as X counts them; the limit is 280');

    await replyText.fill('@sign_sam A new eSIM code is on its way by DM.');
    await send.click();
    await expect(page.getByRole('status').filter({ hasText: 'Reply sent as @NimbusMobile' }).first()).toBeVisible();
    const sent = await eventually(async () => (await workspace.admin.postsBy('NimbusMobile')).find((post) => post.in_reply_to_post_id === id), 5_000, 'the signed reply at the sandbox');
    expect(sent.text).toBe('@sign_sam A new eSIM code is on its way by DM. ^AB');
    await removeColumn(column);
  } finally {
    await setSigning(page, false, '');
  }
});

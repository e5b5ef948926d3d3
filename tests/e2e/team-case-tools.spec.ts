// The case tools on the cards, as two people use them: an agent away from the window is told of a
// case given to him on the desktop; the owner splits a customer's follow-up into a case of its own
// and merges it back, and reads the case's timeline; the agent snoozes the case for an hour; the
// owner takes it over, from the agent's soft lock while he types and from the Assign menu; a
// saved reply she keeps for the team fills in the agent's name and the case's number; she marks
// the customer "do not engage", which the agent's card shows and his composer refuses,
// while she may reply anyway once she confirms.
import { expect, test, type Locator } from '@playwright/test';
import { addColumn } from './deck-helpers';
import { fakeNotifications, notificationLog } from './notification-stand-in';
import { startTeamOfTwo, type TeamOfTwo } from './team-rig';

const chooseCaseOption = async (card: Locator, name: string) => {
  await card.getByRole('button', { name: 'Case options' }).click();
  await card.getByRole('menu').getByRole('menuitem', { name }).click();
};

test('case tools on the cards: a desktop notification, split and merge, the timeline, snooze, take over, do not engage', async ({ browser }) => {
  test.setTimeout(150_000);
  let team: TeamOfTwo | null = null;
  try {
    // Bob's window is in the background; his browser will say yes when asked for notifications.
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Bob Agent', prepareAgent: (page) => fakeNotifications(page, 'granted', 'default') });
    const { admin, owner, agent, ownerPanel, agentPanel } = team;
    // A member of a team is asked once for desktop notifications, with no column that wants them.
    await expect.poll(async () => (await notificationLog(agent.page)).requests).toBe(1);
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();

    const annColumn = await addColumn(owner.page, { kind: 'Search', query: 'e2etools' }, 'Search: e2etools');
    const bobColumn = agent.page.getByRole('region', { name: 'Search: e2etools', exact: true });
    await expect(bobColumn).toBeVisible({ timeout: 10_000 });
    const seat = await admin.createPost({ author: 'rina_k', text: '@AcmeAir e2etools seat 14C will not recline' });
    const card = (column: Locator, text: string) => column.getByRole('article').filter({ hasText: text });
    const annSeat = card(annColumn, 'seat 14C will not recline');
    const bobSeat = card(bobColumn, 'seat 14C will not recline');
    await expect(annSeat).toBeVisible({ timeout: 10_000 });
    await expect(bobSeat).toBeVisible({ timeout: 10_000 });

    // Ann gives the case to Bob, who is told on the desktop since he is not looking.
    await annSeat.getByRole('button', { name: 'Assign' }).click();
    await annSeat.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Bob Agent' }).click();
    await expect(bobSeat.getByText('Assigned to Bob Agent (you)')).toBeVisible({ timeout: 5_000 });
    await expect.poll(async () => (await notificationLog(agent.page)).shown, { timeout: 5_000 }).toContainEqual({ title: 'Deckhand', body: 'Ann Owner assigned you @rina_k’s post' });

    // The customer writes again: the follow-up joins the case. Ann splits it into a case of its own…
    await admin.createPost({ author: 'rina_k', text: '@AcmeAir e2etools and the screen is dead too' });
    const annScreen = card(annColumn, 'the screen is dead too');
    await expect(annScreen.getByText('Assigned to Bob Agent')).toBeVisible({ timeout: 10_000 });
    await chooseCaseOption(annScreen, 'Split into its own case');
    await expect(owner.page.getByRole('status').filter({ hasText: 'Split into its own case' })).toBeVisible();
    await expect(annScreen.getByText('Unassigned')).toBeVisible({ timeout: 5_000 });
    await expect(card(bobColumn, 'the screen is dead too').getByText('Unassigned')).toBeVisible({ timeout: 5_000 });
    await expect(annSeat.getByText('Assigned to Bob Agent')).toBeVisible();
    // …and merges it back into the first one, named by its number and status.
    await chooseCaseOption(annScreen, `Merge into case #${seat.id.slice(-5)} (open)`);
    await expect(owner.page.getByRole('status').filter({ hasText: 'Cases merged' })).toBeVisible();
    await expect(annScreen.getByText('Assigned to Bob Agent')).toBeVisible({ timeout: 5_000 });
    await expect(card(bobColumn, 'the screen is dead too').getByText('Assigned to Bob Agent (you)')).toBeVisible({ timeout: 5_000 });

    // The case's timeline tells it all, oldest first.
    await annSeat.getByRole('button', { name: 'Timeline' }).click();
    const timeline = annSeat.getByRole('list', { name: 'Case timeline' });
    await expect(timeline.getByRole('listitem')).toHaveText(
      [/rina_k wrote: @AcmeAir e2etools seat 14C/, /Ann Owner assigned it to Bob Agent/, /rina_k wrote: @AcmeAir e2etools and the screen/, /Ann Owner split a message off/, /Ann Owner merged another case/],
      { timeout: 5_000 },
    );
    await annSeat.getByRole('button', { name: 'Timeline' }).click();

    // Bob snoozes it for an hour; both desktops say until when.
    await bobSeat.getByRole('button', { name: 'Snooze' }).click();
    await bobSeat.getByRole('menu', { name: 'Snooze until' }).getByRole('menuitem', { name: 'For 1 hour' }).click();
    for (const seat of [annSeat, bobSeat]) {
      await expect(seat.getByRole('combobox', { name: 'Status' })).toHaveValue('snoozed', { timeout: 5_000 });
      await expect(seat.getByText(/^Snoozed until /)).toBeVisible();
    }

    // Bob starts a reply; Ann's draft waits on his lock until she takes the case over.
    await bobSeat.getByRole('button', { name: 'Reply' }).click();
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@rina_k sorry about that, Bob here');
    await expect(annSeat.getByRole('status')).toHaveText('Bob Agent is typing', { timeout: 5_000 });
    await annSeat.getByRole('button', { name: 'Reply' }).click();
    const lock = owner.page.getByRole('group', { name: 'Reply lock' });
    await expect(lock).toContainText('Bob Agent is typing a reply to this post.');
    await expect(owner.page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    await lock.getByRole('button', { name: 'Take over' }).click();
    await expect(lock).toBeHidden();
    await expect(annSeat.getByText('Assigned to Ann Owner (you)')).toBeVisible({ timeout: 5_000 });
    await expect(bobSeat.getByText('Assigned to Ann Owner')).toBeVisible({ timeout: 5_000 });
    await owner.page.getByRole('textbox', { name: 'Reply text' }).fill('@rina_k Ann here: a new seat is booked for your return');
    await expect(agent.page.getByRole('group', { name: 'Reply lock' })).toContainText('Ann Owner is typing a reply to this post.', { timeout: 5_000 });
    await owner.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(owner.page.getByRole('status').filter({ hasText: 'Reply sent as @AcmeAir' })).toBeVisible({ timeout: 10_000 });
    await agent.page.getByRole('button', { name: 'Cancel' }).click();
    expect((await admin.postsBy('AcmeAir')).map((post) => post.text)).toContain('@rina_k Ann here: a new seat is booked for your return');

    // Ann hands it back to Bob, then takes it over from the Assign menu.
    await annSeat.getByRole('button', { name: 'Assign' }).click();
    await annSeat.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Bob Agent' }).click();
    await expect(annSeat.getByText('Assigned to Bob Agent')).toBeVisible({ timeout: 5_000 });
    await annSeat.getByRole('button', { name: 'Assign' }).click();
    await annSeat.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Take over' }).click();
    await expect(bobSeat.getByText('Assigned to Ann Owner')).toBeVisible({ timeout: 5_000 });
    // Bob, an Agent, may not take a colleague's case: his menu offers no such thing.
    await bobSeat.getByRole('button', { name: 'Assign' }).click();
    await expect(bobSeat.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Take over' })).toHaveCount(0);
    await agent.page.keyboard.press('Escape');

    // Ann keeps a saved reply for the team's handle (through the hub); Bob picks it, filled in
    // with his name and the case's number, and may not edit the team's list.
    await annSeat.getByRole('button', { name: 'Reply' }).click();
    await owner.page.getByRole('button', { name: 'Saved replies' }).click();
    await owner.page.getByRole('button', { name: 'Edit saved replies' }).click();
    const editor = owner.page.getByRole('dialog', { name: 'Saved replies for @AcmeAir' });
    await editor.getByRole('button', { name: 'Add saved reply' }).click();
    await editor.getByRole('textbox', { name: 'Name' }).fill('Case number');
    await editor.getByRole('textbox', { name: 'Text' }).fill('{agent.first_name|We} here: your case is {case.id|new}.');
    await editor.getByRole('button', { name: 'Save saved replies' }).click();
    await expect(editor).toBeHidden();
    await owner.page.getByRole('button', { name: 'Cancel' }).click();
    await bobSeat.getByRole('button', { name: 'Reply' }).click();
    const bobDraft = agent.page.getByRole('textbox', { name: 'Reply text' });
    await bobDraft.press('End');
    await bobDraft.pressSequentially('/case');
    await expect(agent.page.getByRole('listbox', { name: 'Saved replies' }).getByRole('option')).toHaveText([/^Case number/], { timeout: 5_000 });
    await expect(agent.page.getByRole('button', { name: 'Edit saved replies' })).toHaveCount(0);
    await bobDraft.press('Enter');
    await expect(bobDraft).toHaveValue(`@rina_k Bob here: your case is #${seat.id.slice(-5)}.`);
    await agent.page.getByRole('button', { name: 'Cancel' }).click();

    // Ann puts the customer on the do-not-engage list from the card; Bob's card says so.
    await chooseCaseOption(annSeat, 'Do not engage @rina_k');
    await expect(owner.page.getByRole('status').filter({ hasText: 'The team does not engage with @rina_k now' })).toBeVisible();
    await expect(bobSeat.getByText('Do not engage', { exact: true })).toBeVisible({ timeout: 5_000 });
    // Bob's composer refuses: replying to them needs the take-over permission.
    await bobSeat.getByRole('button', { name: 'Reply' }).click();
    const bobGuard = agent.page.getByRole('group', { name: 'Do not engage' });
    await expect(bobGuard).toContainText('Replying to them needs the take-over permission.');
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@rina_k Bob again');
    await expect(agent.page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    await agent.page.getByRole('button', { name: 'Cancel' }).click();
    // Ann may, once she confirms.
    await annSeat.getByRole('button', { name: 'Reply' }).click();
    await owner.page.getByRole('textbox', { name: 'Reply text' }).fill('@rina_k one last word from Ann');
    const send = owner.page.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeDisabled();
    await owner.page.getByRole('group', { name: 'Do not engage' }).getByRole('checkbox', { name: 'Reply anyway' }).check();
    await send.click();
    await expect(owner.page.getByRole('status').filter({ hasText: 'Reply sent as @AcmeAir' }).last()).toBeVisible({ timeout: 10_000 });
    await expect.poll(async () => (await admin.postsBy('AcmeAir')).map((post) => post.text)).toContain('@rina_k one last word from Ann');
    expect((await admin.postsBy('AcmeAir')).map((post) => post.text)).not.toContain('@rina_k Bob again');
  } finally {
    await team?.stop();
  }
});

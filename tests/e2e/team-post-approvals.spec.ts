// New posts go through approvals too, on two desktops: the owner makes a "Social writer" role (post,
// without send-without-approval) in the Team panel and gives it to her colleague; his New post
// offers "Submit for approval" instead of "Post now"; she finds the post in her Approvals column,
// edits and approves it, and X receives her edit once, from the hub, while he is told; the handle's
// Scheduled column lists it as sent.
import { expect, test } from '@playwright/test';
import { addColumn } from './deck-helpers';
import { startTeamOfTwo, type TeamOfTwo } from './team-rig';

test('a writer’s new post waits for approval; the owner edits and approves it and X gets it once', async ({ browser }) => {
  test.setTimeout(120_000);
  let team: TeamOfTwo | null = null;
  try {
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Wes Writer' });
    const { admin, owner, agent, ownerPanel, agentPanel } = team;
    await ownerPanel.getByRole('textbox', { name: 'New role name' }).fill('Social writer');
    await ownerPanel.getByRole('button', { name: 'Add role' }).click();
    await ownerPanel.getByRole('checkbox', { name: 'post for Social writer' }).check();
    await expect(ownerPanel.getByRole('checkbox', { name: 'post for Social writer' })).toBeChecked({ timeout: 5_000 });
    await ownerPanel.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: 'Wes Writer' }).getByRole('combobox', { name: 'Role on @AcmeAir' }).selectOption({ label: 'Social writer' });
    await expect(agentPanel.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: 'Wes Writer' }).getByRole('combobox', { name: 'Role on @AcmeAir' }).locator('option:checked')).toHaveText('Social writer', { timeout: 5_000 });
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();

    await agent.page.getByRole('button', { name: 'New post' }).click();
    const dialog = agent.page.getByRole('dialog', { name: 'New post' });
    await dialog.getByRole('combobox', { name: 'Post as' }).selectOption({ label: '@AcmeAir' });
    await dialog.getByRole('textbox', { name: 'Post text' }).fill('Our winter timetable is out: more flights to Oslo');
    await expect(dialog.getByRole('button', { name: 'Post now' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Submit for approval', exact: true }).click();
    await expect(agent.page.getByRole('status').filter({ hasText: 'Post as @AcmeAir submitted for approval' })).toBeVisible({ timeout: 5_000 });
    expect(await admin.postsBy('AcmeAir')).toEqual([]);

    const annApprovals = await addColumn(owner.page, { kind: 'Approvals' }, 'Approvals: @AcmeAir');
    const waiting = annApprovals.getByRole('article', { name: 'Wes Writer: new post' });
    await expect(waiting).toContainText('writing a new post, to go out when approved', { timeout: 10_000 });
    await waiting.getByRole('textbox', { name: 'Post to approve' }).fill('Our winter timetable is out: more flights to Oslo and Bergen ❄️');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await admin.postsBy('AcmeAir')).map((post) => post.text), { timeout: 10_000 }).toEqual(['Our winter timetable is out: more flights to Oslo and Bergen ❄️']);
    await expect(agent.page.getByRole('status').filter({ hasText: 'Ann Owner approved your new post' })).toBeVisible({ timeout: 10_000 });

    // The handle's Scheduled column lists it as sent, from the hub.
    const annScheduled = await addColumn(owner.page, { kind: 'Scheduled', account: 'AcmeAir' }, 'Scheduled: @AcmeAir');
    await expect(annScheduled.getByRole('listitem').filter({ hasText: 'more flights to Oslo and Bergen' })).toContainText('Sent', { timeout: 10_000 });
  } finally {
    await team?.stop();
  }
});

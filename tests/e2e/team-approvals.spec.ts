// The approval queue with two roles on two desktops: a Trainee's reply waits ("Submit for
// approval"); the owner finds it in her "Approvals" column, edits and approves it, and the sandbox
// receives the edited text once, while the Trainee is told; a second reply she rejects with a
// note, which the Trainee reads in his own Approvals column, and nothing of it reaches X.
import { expect, test } from '@playwright/test';
import { addColumn } from './deck-helpers';
import { startTeamOfTwo, type TeamOfTwo } from './team-rig';

test('a trainee’s reply waits for approval; the owner edits and approves one and rejects another with a note', async ({ browser }) => {
  test.setTimeout(120_000);
  let team: TeamOfTwo | null = null;
  try {
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Tom Trainee' });
    const { admin, owner, agent, ownerPanel, agentPanel } = team;
    await ownerPanel.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: 'Tom Trainee' }).getByRole('combobox', { name: 'Role on @AcmeAir' }).selectOption({ label: 'Trainee' });
    await expect(agentPanel.getByRole('list', { name: 'Members' }).getByRole('listitem', { name: 'Tom Trainee' }).getByRole('combobox', { name: 'Role on @AcmeAir' }).locator('option:checked')).toHaveText('Trainee', { timeout: 5_000 });
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();

    const annColumn = await addColumn(owner.page, { kind: 'Search', query: 'e2eapproval' }, 'Search: e2eapproval');
    await admin.createPost({ author: 'lena_p', text: '@AcmeAir e2eapproval my flight credit expired yesterday' });
    const annCard = annColumn.getByRole('article').filter({ hasText: 'my flight credit expired' });
    await expect(annCard).toBeVisible({ timeout: 10_000 });
    await annCard.getByRole('button', { name: 'Assign' }).click();
    await annCard.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Tom Trainee' }).click();

    // Tom sees the case given to him, and his Send is "Submit for approval".
    const tomCases = await addColumn(agent.page, { kind: 'Assigned to me' }, 'Assigned to me: @AcmeAir');
    const tomCard = tomCases.getByRole('article').filter({ hasText: 'my flight credit expired' });
    await expect(tomCard).toBeVisible({ timeout: 10_000 });
    await tomCard.getByRole('button', { name: 'Reply' }).click();
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@lena_p hi, we can extend it');
    await expect(agent.page.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
    await agent.page.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(agent.page.getByRole('status').filter({ hasText: 'Reply to @lena_p submitted for approval' })).toBeVisible({ timeout: 5_000 });
    const tomApprovals = await addColumn(agent.page, { kind: 'Approvals' }, 'Approvals: @AcmeAir');
    await expect(tomApprovals.getByRole('article', { name: 'You to @lena_p' })).toContainText('Waiting for approval', { timeout: 5_000 });

    // Ann edits and approves it: X gets her edit, once; Tom is told.
    const annApprovals = await addColumn(owner.page, { kind: 'Approvals' }, 'Approvals: @AcmeAir');
    const waiting = annApprovals.getByRole('article', { name: 'Tom Trainee to @lena_p' });
    await expect(waiting).toContainText('my flight credit expired', { timeout: 5_000 });
    await expect(annApprovals.getByText('1 reply waits for approval')).toBeVisible();
    await waiting.getByRole('textbox', { name: 'Reply to approve' }).fill('@lena_p Hi Lena, we have extended your flight credit by 30 days.');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await expect(agent.page.getByRole('status').filter({ hasText: 'Ann Owner approved your reply to @lena_p' })).toBeVisible({ timeout: 10_000 });
    await expect(tomApprovals.getByRole('article', { name: 'You to @lena_p' })).toContainText('Approved by Ann Owner', { timeout: 5_000 });
    await expect.poll(async () => (await admin.postsBy('AcmeAir')).map((post) => post.text), { timeout: 10_000 }).toContain('@lena_p Hi Lena, we have extended your flight credit by 30 days.');
    await expect(annApprovals.getByText('0 replies wait for approval')).toBeVisible();

    // A second reply: rejected with a note; Tom reads why; nothing of it reaches X.
    await tomCard.getByRole('button', { name: 'Reply' }).click();
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@lena_p lol sorry');
    await agent.page.getByRole('button', { name: 'Submit for approval' }).click();
    const second = annApprovals.getByRole('article', { name: 'Tom Trainee to @lena_p' }).filter({ has: owner.page.getByRole('button', { name: 'Reject' }) });
    await expect(second.getByRole('textbox', { name: 'Reply to approve' })).toHaveValue('@lena_p lol sorry', { timeout: 5_000 });
    await second.getByRole('textbox', { name: 'Note to Tom Trainee' }).fill('Too casual: use the credit template');
    await second.getByRole('button', { name: 'Reject' }).click();
    await expect(agent.page.getByRole('status').filter({ hasText: 'Ann Owner rejected your reply to @lena_p: Too casual: use the credit template' })).toBeVisible({ timeout: 10_000 });
    await expect(tomApprovals.getByText('Rejected by Ann Owner: Too casual: use the credit template')).toBeVisible({ timeout: 5_000 });
    const sent = (await admin.postsBy('AcmeAir')).map((post) => post.text);
    expect(sent.filter((text) => text.includes('extended your flight credit'))).toHaveLength(1);
    expect(sent.some((text) => text.includes('lol sorry') || text.includes('we can extend it'))).toBe(false);
  } finally {
    await team?.stop();
  }
});

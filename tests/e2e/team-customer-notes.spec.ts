// Notes about a customer in a team, as two people use them: the owner writes one in the Customer
// panel of a customer's post on the team's @AcmeAir; the agent, opening the same customer on his
// desktop, reads it with her name, and his reply-note reaches her open panel at once.
import { expect, test } from '@playwright/test';
import { addColumn } from './deck-helpers';
import { startTeamOfTwo, type TeamOfTwo } from './team-rig';

test('a note one member writes about a customer appears in the other’s Customer panel, with who wrote it', async ({ browser }) => {
  test.setTimeout(90_000);
  let team: TeamOfTwo | null = null;
  try {
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Bob Agent' });
    const { admin, owner, agent, ownerPanel, agentPanel } = team;
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();

    const annColumn = await addColumn(owner.page, { kind: 'Search', query: 'e2enotes' }, 'Search: e2enotes');
    const bobColumn = agent.page.getByRole('region', { name: 'Search: e2enotes', exact: true });
    await expect(bobColumn).toBeVisible({ timeout: 10_000 });
    await admin.createPost({ author: 'tara_travels', text: '@AcmeAir e2enotes my upgrade vanished from the booking' });
    const openCustomer = async (column: typeof annColumn) => {
      await column.getByRole('article').filter({ hasText: 'my upgrade vanished' }).getByText('my upgrade vanished from the booking').click();
      const panel = column.page().getByRole('complementary', { name: 'Customer' });
      await expect(panel).toContainText('@tara_travels');
      return panel;
    };
    await expect(annColumn.getByRole('article').filter({ hasText: 'my upgrade vanished' })).toBeVisible({ timeout: 10_000 });
    await expect(bobColumn.getByRole('article').filter({ hasText: 'my upgrade vanished' })).toBeVisible({ timeout: 10_000 });

    // Ann writes the note.
    const annPanel = await openCustomer(annColumn);
    await annPanel.getByRole('textbox', { name: 'Customer note' }).fill('Gold flyer; upgrades go through the desk, not the app');
    await annPanel.getByRole('button', { name: 'Add note' }).click();
    const annNotes = annPanel.getByRole('list', { name: 'Notes about @tara_travels' }).getByRole('listitem');
    await expect(annNotes).toHaveText([/Gold flyer; upgrades go through the desk, not the app\s*You · /]);

    // Bob opens the same customer: Ann's note, by name.
    const bobPanel = await openCustomer(bobColumn);
    const bobNotes = bobPanel.getByRole('list', { name: 'Notes about @tara_travels' }).getByRole('listitem');
    await expect(bobNotes).toHaveText([/Gold flyer; upgrades go through the desk, not the app\s*Ann Owner · /], { timeout: 10_000 });

    // Bob's own note reaches Ann's open panel, by his name.
    await bobPanel.getByRole('textbox', { name: 'Customer note' }).fill('Rebooked her on AC 873 in business');
    await bobPanel.getByRole('button', { name: 'Add note' }).click();
    await expect(bobNotes).toHaveCount(2);
    await expect(annNotes).toHaveText([/Gold flyer/, /Rebooked her on AC 873 in business\s*Bob Agent · /], { timeout: 10_000 });
  } finally {
    await team?.stop();
  }
});

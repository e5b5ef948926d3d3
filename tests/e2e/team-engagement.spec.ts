// Like and repost on a team handle's cards, as two people use them: the agent likes a customer's
// thank-you through the hub, and both desktops' cards show it pressed and counted; the agent is
// not offered Repost (it publishes on the handle's timeline: his role lacks post), the owner is,
// and her repost shows on both desktops too. X got one like and one repost.
import { expect, test, type Locator } from '@playwright/test';
import { eventually } from '../helpers/sandbox';
import { addColumn } from './deck-helpers';
import { startTeamOfTwo, type TeamOfTwo } from './team-rig';

test('a team handle’s like and repost, through the hub, pressed and counted on both desktops', async ({ browser }) => {
  test.setTimeout(90_000);
  let team: TeamOfTwo | null = null;
  try {
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Bob Agent' });
    const { admin, owner, agent, ownerPanel, agentPanel } = team;
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();

    const annColumn = await addColumn(owner.page, { kind: 'Search', query: 'e2echeers' }, 'Search: e2echeers');
    const bobColumn = agent.page.getByRole('region', { name: 'Search: e2echeers', exact: true });
    await expect(bobColumn).toBeVisible({ timeout: 10_000 });
    await admin.createPost({ author: 'happy_hana', text: '@AcmeAir e2echeers the crew found my passport, thank you!' });
    // The customer's card (the handle's repost, by "Acme Air", is a card of its own once it is filed).
    const card = (column: Locator) => column.getByRole('article').filter({ hasText: 'the crew found my passport' }).filter({ hasNotText: 'Acme Air' });
    const [annCard, bobCard] = [card(annColumn), card(bobColumn)];
    await expect(annCard).toBeVisible({ timeout: 10_000 });
    await expect(bobCard).toBeVisible({ timeout: 10_000 });

    // Bob (an Agent) may like as @AcmeAir, not repost.
    await expect(bobCard.getByRole('button', { name: 'Repost', exact: true })).toHaveCount(0);
    const bobLike = bobCard.getByRole('button', { name: 'Like', exact: true });
    await expect(bobLike).toHaveAttribute('aria-pressed', 'false');
    await bobLike.click();
    for (const each of [bobCard, annCard]) {
      await expect(each.getByRole('button', { name: 'Like', exact: true })).toHaveAttribute('aria-pressed', 'true', { timeout: 5_000 });
      await expect(each).toContainText('1 like');
    }

    // Ann (the Owner) reposts it: her card and Bob's count it.
    const annRepost = annCard.getByRole('button', { name: 'Repost', exact: true });
    await expect(annRepost).toHaveAttribute('aria-pressed', 'false');
    await annRepost.click();
    await expect(annRepost).toHaveAttribute('aria-pressed', 'true', { timeout: 5_000 });
    for (const each of [annCard, bobCard]) await expect(each).toContainText('1 repost', { timeout: 5_000 });

    const atX = async (path: RegExp) => (await admin.requests()).filter((request) => request.method === 'POST' && path.test(request.path) && request.status === 200).length;
    await eventually(async () => (await atX(/^\/2\/users\/\d+\/likes$/)) === 1 && (await atX(/^\/2\/users\/\d+\/retweets$/)) === 1, 5_000, 'one like and one repost at X');
  } finally {
    await team?.stop();
  }
});

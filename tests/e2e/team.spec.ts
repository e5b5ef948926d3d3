// A team of two desktops in Chromium, as two people: a sandbox for X, one hub, and two web hosts
// with their own data dirs. The owner creates the team, connects @AcmeAir through the hub and
// invites; the agent joins with the link; both see the same team column fill; the owner assigns a
// post to the agent, whose "Assigned to me" column takes it and who is told, who is seen viewing and typing
// (the owner's own draft waits on that soft lock, and her Send on it shows the agent's reply first), answers (the case waits), sees the customer
// write again (it reopens) and resolves it; a role the owner changes reaches the agent's desktop
// within seconds, after which his composer can only submit a reply for approval, and the hub
// refuses a hand-made reply over the agent's own credential; the owner's audit log lists it all and exports it.
import { expect, test } from '@playwright/test';
import keytar from 'keytar';
import { Desktop as HubDesktop } from '../hub/hub-rig';
import { addColumn } from './deck-helpers';
import { openTeamPanel, startTeamOfTwo, type TeamOfTwo } from './team-rig';

/** The member credential the web host of `displayName` keeps in the OS keychain (service "Deckhand"). */
async function credentialOf(hubUrl: string, displayName: string): Promise<string> {
  for (const { account, password } of await keytar.findCredentials('Deckhand')) {
    const memberId = /^team:(.+):credential$/.exec(account)?.[1];
    if (!memberId) continue;
    const probe = await HubDesktop.connect(hubUrl, password).catch(() => null);
    const members = probe ? await probe.read('listMembers') : null;
    probe?.close();
    if (members?.ok && (members.value as { id: string; displayName: string }[]).some((member) => member.id === memberId && member.displayName === displayName)) return password;
  }
  throw new Error(`no credential of ${displayName} in the keychain`);
}

test('an owner and an agent work as a team: join, a shared column, a case assigned, answered, reopened and resolved, a role the hub enforces, the audit log', async ({ browser }) => {
  test.setTimeout(120_000);
  let team: TeamOfTwo | null = null;
  try {
    team = await startTeamOfTwo(browser, { ownerName: 'Ann Owner', agentName: 'Bob Agent' });
    const { admin, hub, owner, agent, ownerPanel, agentPanel, sandboxUrl } = team;
    const ownerMembers = ownerPanel.getByRole('list', { name: 'Members' });
    const agentMembers = agentPanel.getByRole('list', { name: 'Members' });
    const bobRole = ownerMembers.getByRole('listitem', { name: 'Bob Agent' }).getByRole('combobox', { name: 'Role on @AcmeAir' });

    // The owner adds a team column; both desktops show it, fed by the hub.
    await ownerPanel.getByRole('button', { name: 'Close' }).click();
    await agentPanel.getByRole('button', { name: 'Close' }).click();
    const ownerColumn = await addColumn(owner.page, { kind: 'Search', query: 'e2eteam' }, 'Search: e2eteam');
    const agentColumn = agent.page.getByRole('region', { name: 'Search: e2eteam', exact: true });
    await expect(agentColumn).toBeVisible({ timeout: 10_000 });
    await admin.createPost({ author: 'kaito_t', text: '@AcmeAir e2eteam my bag is lost in Osaka' });
    for (const column of [ownerColumn, agentColumn]) await expect(column.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' })).toBeVisible({ timeout: 10_000 });

    // Bob keeps his queues as columns: the hub opened a case for the customer's post.
    const bobsQueue = await addColumn(agent.page, { kind: 'Unassigned' }, 'Unassigned: @AcmeAir');
    const bobsCases = await addColumn(agent.page, { kind: 'Assigned to me' }, 'Assigned to me: @AcmeAir');
    await expect(bobsQueue.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' })).toBeVisible({ timeout: 5_000 });
    await expect(bobsCases.getByText('0 cases')).toBeAttached();

    // Ann gives the post to Bob; both cards say who has it; it moves to Bob's "Assigned to me" and he is told.
    const annCard = ownerColumn.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' });
    await expect(annCard.getByText('Unassigned')).toBeVisible();
    await annCard.getByRole('button', { name: 'Assign' }).click();
    await annCard.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Bob Agent' }).click();
    await expect(annCard.getByText('Assigned to Bob Agent')).toBeVisible({ timeout: 5_000 });
    await expect(agentColumn.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' }).getByText('Assigned to Bob Agent (you)')).toBeVisible({ timeout: 5_000 });
    await expect(agent.page.getByRole('status').filter({ hasText: 'Ann Owner assigned you @kaito_t’s post' })).toBeVisible({ timeout: 5_000 });
    await expect(bobsCases.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' })).toBeVisible({ timeout: 5_000 });
    await expect(bobsCases.getByText('1 case', { exact: true })).toBeAttached();
    await expect(bobsQueue.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' })).toBeHidden();
    // Bob works it from the keyboard: s opens the snooze menu, m the assign menu, n the note field.
    const bobsCard = bobsCases.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' });
    await bobsCard.click({ position: { x: 5, y: 5 } });
    await agent.page.keyboard.press('s');
    await expect(bobsCard.getByRole('menu', { name: 'Snooze until' }).getByRole('menuitem', { name: 'Until the customer writes' })).toBeVisible();
    await agent.page.keyboard.press('Escape');
    await agent.page.keyboard.press('m');
    await expect(bobsCard.getByRole('menu', { name: 'Assign to' }).getByRole('menuitem', { name: 'Assign to me' })).toBeFocused();
    await agent.page.keyboard.press('Escape');
    await agent.page.keyboard.press('n');
    await expect(bobsCard.getByRole('textbox', { name: 'Internal note' })).toBeFocused();
    await bobsCard.getByRole('button', { name: 'Notes' }).click();

    // Ann leaves an internal note; Bob reads it on his card.
    await annCard.getByRole('button', { name: 'Notes' }).click();
    await annCard.getByRole('textbox', { name: 'Internal note' }).fill('Frequent flyer: offer the lounge voucher');
    await annCard.getByRole('button', { name: 'Add note' }).click();
    await expect(annCard.getByRole('list', { name: 'Internal notes' })).toContainText('Ann Owner: Frequent flyer: offer the lounge voucher');
    const bobCard = agentColumn.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' });
    await bobCard.getByRole('button', { name: 'Notes' }).click();
    await expect(bobCard.getByRole('list', { name: 'Internal notes' })).toContainText('Ann Owner: Frequent flyer: offer the lounge voucher', { timeout: 5_000 });
    await bobCard.getByRole('button', { name: 'Notes' }).click();

    // As an Agent, Bob answers through the hub, as @AcmeAir.
    await agentColumn.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' }).getByRole('button', { name: 'Reply' }).click();
    const lostBag = (column: typeof ownerColumn) => column.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' });
    await expect(lostBag(ownerColumn).getByRole('status')).toHaveText('Bob Agent is viewing', { timeout: 5_000 });
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@kaito_t we are on it ^BA');
    // Ann sees Bob typing on that post: nobody answers the customer twice. A draft of hers waits
    // on Bob's soft lock (she could take over).
    await expect(lostBag(ownerColumn).getByRole('status')).toHaveText('Bob Agent is typing', { timeout: 5_000 });
    await annCard.getByRole('button', { name: 'Reply' }).click();
    const annLock = owner.page.getByRole('group', { name: 'Reply lock' });
    await expect(annLock).toContainText('Bob Agent is typing a reply to this post.');
    await expect(annLock.getByRole('button', { name: 'Take over' })).toBeVisible();
    await agent.page.getByRole('button', { name: 'Send' }).click();
    await expect(agent.page.getByRole('status').filter({ hasText: 'Reply sent as @AcmeAir' })).toBeVisible({ timeout: 10_000 });
    expect((await admin.postsBy('AcmeAir')).some((post) => post.text === '@kaito_t we are on it ^BA')).toBe(true);
    // Bob's lock is gone; Ann's Send on her older draft first shows Bob's reply and asks.
    await expect(annLock).toBeHidden({ timeout: 5_000 });
    await owner.page.getByRole('textbox', { name: 'Reply text' }).fill('@kaito_t Ann here, looking into it');
    await owner.page.getByRole('button', { name: 'Send' }).click();
    const changed = owner.page.getByRole('list', { name: 'Changes since you started' });
    await expect(changed).toContainText('Bob Agent replied: “@kaito_t we are on it ^BA”', { timeout: 5_000 });
    await owner.page.getByRole('button', { name: 'Review draft' }).click();
    await owner.page.getByRole('button', { name: 'Cancel' }).click();
    expect((await admin.postsBy('AcmeAir')).some((post) => post.text.includes('Ann here'))).toBe(false);
    // Answered, the case waits for the customer on both desktops; the customer writes again: it reopens.
    const agentCard = lostBag(agentColumn);
    for (const card of [annCard, agentCard]) await expect(card.getByRole('combobox', { name: 'Status' })).toHaveValue('pending', { timeout: 5_000 });
    await admin.createPost({ author: 'kaito_t', text: '@AcmeAir e2eteam still no bag, any news?' });
    for (const card of [annCard, agentCard]) await expect(card.getByRole('combobox', { name: 'Status' })).toHaveValue('open', { timeout: 10_000 });
    // The follow-up joined Bob's case (no second case in anyone's queue), and Bob is told it reopened.
    await expect(agent.page.getByRole('status').filter({ hasText: '@kaito_t wrote again: your case is open' })).toBeVisible({ timeout: 5_000 });
    await expect(bobsQueue.getByRole('article')).toHaveCount(0);
    await expect(lostBag(ownerColumn).getByRole('status')).toBeHidden({ timeout: 5_000 });
    await openTeamPanel(owner.page);
    await openTeamPanel(agent.page);

    // The owner makes Bob a Trainee on @AcmeAir; Bob's own desktop follows within seconds.
    await bobRole.selectOption({ label: 'Trainee' });
    await expect(bobRole.locator('option:checked')).toHaveText('Trainee');
    const bobOwnRole = agentMembers.getByRole('listitem', { name: 'Bob Agent' }).getByRole('combobox', { name: 'Role on @AcmeAir' });
    await expect(bobOwnRole.locator('option:checked')).toHaveText('Trainee', { timeout: 5_000 });
    // Bob cannot manage the team: his boxes are read-only (the hub would refuse anyway).
    await expect(bobOwnRole).toBeDisabled();

    // Bob's notification settings are his own, on his desktop: every kind is on by default.
    for (const kind of ['A case is assigned to me', 'I am mentioned in a note', 'A case of mine reopens', 'A case of mine is about to breach its SLA']) {
      await expect(agentPanel.getByRole('group', { name: 'Notify me when' }).getByRole('checkbox', { name: kind })).toBeChecked();
    }

    // The roles editor shows what a Trainee may do; presets are read-only.
    const roles = agentPanel.getByRole('table', { name: 'Roles' });
    await expect(roles.getByRole('checkbox', { name: 'reply for Trainee' })).toBeChecked();
    await expect(roles.getByRole('checkbox', { name: 'send-without-approval for Trainee' })).not.toBeChecked();
    await expect(roles.getByRole('checkbox', { name: 'reply for Trainee' })).toBeDisabled();

    // Bob's next reply can only wait for approval: his composer offers no Send.
    await agentPanel.getByRole('button', { name: 'Close' }).click();
    await agentColumn.getByRole('article').filter({ hasText: 'my bag is lost in Osaka' }).getByRole('button', { name: 'Reply' }).click();
    await agent.page.getByRole('textbox', { name: 'Reply text' }).fill('@kaito_t a trainee tries');
    await expect(agent.page.getByRole('button', { name: 'Submit for approval' })).toBeEnabled();
    await expect(agent.page.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
    await agent.page.getByRole('button', { name: 'Cancel' }).click();

    // Ann asks for a tag on every resolved @AcmeAir case; Bob resolves the case (a Trainee works
    // cases) once he has tagged it; Ann's card says so.
    await ownerPanel.getByRole('textbox', { name: 'Tags for @AcmeAir' }).fill('baggage, refund');
    await ownerPanel.getByRole('checkbox', { name: 'Require a tag to resolve' }).check();
    await ownerPanel.getByRole('button', { name: 'Save tags' }).click();
    await agentCard.getByRole('button', { name: 'Add tag' }).click({ timeout: 10_000 });
    await agentCard.getByRole('menu', { name: 'Tags' }).getByRole('menuitemcheckbox', { name: 'baggage' }).click();
    await expect(annCard.getByText('baggage', { exact: true })).toBeVisible({ timeout: 5_000 });
    await agentCard.getByRole('button', { name: 'Resolve' }).click();
    await expect(annCard.getByRole('combobox', { name: 'Status' })).toHaveValue('resolved', { timeout: 5_000 });
    await expect(annCard.getByRole('button', { name: 'Resolve' })).toBeHidden();

    // A hand-made sendReply over Bob's own credential is refused all the same, and recorded.
    const bob = await HubDesktop.connect(hub.url, await credentialOf(hub.url, 'Bob Agent'));
    const lastPost = (await admin.postsBy('kaito_t')).find((post) => post.text.includes('e2eteam'));
    const acme = (await (await fetch(`${sandboxUrl}/2/users/by/username/AcmeAir`, { headers: { authorization: `Bearer ${await admin.appToken()}` } })).json()) as { data: { id: string } };
    const raw = await bob.intent('sendReply', { handleId: acme.data.id, postId: lastPost?.id ?? '', text: 'raw attempt' });
    bob.close();
    expect(raw).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringContaining('send-without-approval') });
    const posted = (await admin.postsBy('AcmeAir')).map((post) => post.text);
    expect(posted).not.toContain('@kaito_t a trainee tries');
    expect(posted).not.toContain('raw attempt');

    // Ann's audit log lists each step with its actor, refusals included, and exports as CSV.
    const panel = ownerPanel; // still open since the role change
    await panel.getByRole('button', { name: 'Audit log' }).click();
    const audit = panel.getByRole('table', { name: 'Audit log' });
    const row = (who: string, what: string) => audit.getByRole('row').filter({ hasText: who }).filter({ hasText: what });
    await expect(row('Ann Owner', 'assignPost')).toHaveCount(1);
    await expect(row('Bob Agent', 'setCaseStatus')).toHaveCount(1);
    await expect(row('Bob Agent', 'tagCase')).toHaveCount(1);
    await expect(row('Bob Agent', 'sendReply').filter({ hasText: 'applied' })).toHaveCount(1);
    await expect(row('Bob Agent', 'sendReply').filter({ hasText: 'refused: Refused: needs send-without-approval' })).toHaveCount(1);
    await expect(row('Deckhand hub', 'caseChanged').first()).toBeVisible();
    const [download] = await Promise.all([owner.page.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^deckhand-ann-owner-s-team-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  } finally {
    await team?.stop();
  }
});

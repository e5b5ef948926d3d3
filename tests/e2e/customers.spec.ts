// The Customers view: the agent finds a customer by name, labels them VIP with "Add label" (and a
// label of their own), narrows the list by label, and opens the customer, whose panel shows who
// they are (bio, joined) and the labels; a label taken off in the panel is gone from the view.
// Notes: written in the Customer panel and in the view, kept after a reload; and a column that
// keeps only one label's customers (or those with notes), live and after a reload.
import { addColumn, chooseFromMenu, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

test('customers are found, labelled and opened from the Customers view', async ({ page, workspace }) => {
  await workspace.admin.createUser({ username: 'cust_camila', name: 'Camila Ortiz', followers: 12_400, description: 'Travels for work, mostly on roaming' });
  await page.goto(workspace.appUrl);
  // @NimbusMobile: the worker's other specs count @AcmeAir's mentions.
  const column = await addColumn(page, { kind: 'Search', query: 'custjet', account: 'NimbusMobile' }, 'Search: custjet');
  await workspace.admin.createPost({ author: 'cust_camila', text: '@NimbusMobile custjet roaming charges again?!' });
  await expect(column.getByRole('article').filter({ hasText: 'roaming charges again' })).toBeVisible({ timeout: 10_000 });

  await page.getByRole('banner').getByRole('button', { name: 'Customers' }).click();
  const view = page.getByRole('dialog', { name: 'Customers' });
  await view.getByRole('combobox', { name: 'Handle' }).selectOption({ label: '@NimbusMobile' });
  await view.getByRole('searchbox', { name: 'Find a customer' }).fill('Ortiz');
  const camila = view.getByRole('list', { name: 'Customers found' }).getByRole('listitem', { name: '@cust_camila' });
  await expect(camila).toContainText('Camila Ortiz');
  await expect(camila).toContainText('12K followers');

  await camila.getByRole('button', { name: 'Add label' }).click();
  await camila.getByRole('menu', { name: 'Labels' }).getByRole('menuitemcheckbox', { name: 'VIP' }).click();
  await expect(camila.getByRole('list', { name: 'Labels of @cust_camila' }).getByRole('listitem')).toHaveText(['VIP']);
  await camila.getByRole('button', { name: 'Add label' }).click();
  await camila.getByRole('menu', { name: 'Labels' }).getByRole('menuitem', { name: 'New label…' }).click();
  await camila.getByRole('textbox', { name: 'New label' }).fill('roaming');
  await camila.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(camila.getByRole('list', { name: 'Labels of @cust_camila' }).getByRole('listitem')).toHaveText(['VIP', 'roaming']);

  // By label: only those who carry it.
  await view.getByRole('searchbox', { name: 'Find a customer' }).fill('');
  await view.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'roaming' });
  await expect(view.getByRole('list', { name: 'Customers found' }).getByRole('listitem', { name: /^@/ })).toHaveText([/Camila Ortiz/]);

  // Opened, the Customer panel shows the labels; one taken off there is gone when the view opens again.
  await camila.getByRole('button', { name: 'Open @cust_camila' }).click();
  const panel = page.getByRole('complementary', { name: 'Customer' });
  // Who they are: X's profile description and when they joined, as X said.
  await expect(panel.getByText('Travels for work, mostly on roaming')).toBeVisible();
  await expect(panel.getByText(/^Joined [A-Z][a-z]+ \d{4}$/)).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Labels of @cust_camila' }).getByRole('listitem')).toHaveText(['VIP', 'roaming']);
  await panel.getByRole('button', { name: 'Add label' }).click();
  await panel.getByRole('menu', { name: 'Labels' }).getByRole('menuitemcheckbox', { name: 'roaming' }).click();
  await expect(panel.getByRole('list', { name: 'Labels of @cust_camila' }).getByRole('listitem')).toHaveText(['VIP']);
  await page.getByRole('banner').getByRole('button', { name: 'Customers' }).click();
  await view.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'VIP' });
  await expect(view.getByRole('list', { name: 'Customers found' }).getByRole('listitem', { name: '@cust_camila' }).getByRole('list', { name: 'Labels of @cust_camila' }).getByRole('listitem')).toHaveText(['VIP']);
  await view.getByRole('button', { name: 'Close' }).click();
  await removeColumn(column);
});

test('a customer note written in the Customer panel is there after a reload; a column filtered by "Customer label" VIP shows only the VIP’s posts, live and after a reload', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'notejet', account: 'NimbusMobile' }, 'Search: notejet');
  await workspace.admin.createPost({ author: 'note_nadia', text: '@NimbusMobile notejet my eSIM never activated' });
  await workspace.admin.createPost({ author: 'note_omar', text: '@NimbusMobile notejet where is my refund' });
  const articles = column.getByRole('article');
  await expect(articles).toHaveCount(2, { timeout: 10_000 });

  // Nadia's post opens her conversation, and beside it the Customer panel: a note and the VIP label.
  await articles.filter({ hasText: 'eSIM never activated' }).getByText('my eSIM never activated').click();
  const panel = page.getByRole('complementary', { name: 'Customer' });
  await expect(panel).toContainText('@note_nadia');
  await expect(panel.getByText('No notes yet.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await panel.getByRole('textbox', { name: 'Customer note' }).fill('Two lines on her plan; the eSIM is on the second');
  await panel.getByRole('button', { name: 'Add note' }).click();
  const notes = panel.getByRole('list', { name: 'Notes about @note_nadia' }).getByRole('listitem');
  await expect(notes).toHaveCount(1);
  await expect(notes.first()).toContainText('Two lines on her plan; the eSIM is on the second');
  await expect(notes.first()).toContainText(/You · (just now|\d+ seconds? ago)/);
  await expect(panel.getByRole('textbox', { name: 'Customer note' })).toHaveValue('');
  // Too long: refused, saying why, and kept in the box.
  await panel.getByRole('textbox', { name: 'Customer note' }).fill('x'.repeat(2_001));
  await panel.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.getByRole('alert')).toHaveText('A customer note is at most 2,000 characters');
  await expect(notes).toHaveCount(1);
  await panel.getByRole('textbox', { name: 'Customer note' }).fill('');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Add label' }).click();
  await panel.getByRole('menu', { name: 'Labels' }).getByRole('menuitemcheckbox', { name: 'VIP' }).click();
  await expect(panel.getByRole('list', { name: 'Labels of @note_nadia' }).getByRole('listitem')).toHaveText(['VIP']);
  await page.getByRole('region', { name: 'Conversation' }).getByRole('button', { name: 'Close conversation' }).click();

  // The column keeps only customers labelled VIP: Nadia's post stays, Omar's goes.
  await chooseFromMenu(column, 'Filters');
  const filters = column.getByRole('form', { name: 'Filters' });
  await filters.getByRole('combobox', { name: 'Customer label' }).selectOption('VIP');
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('eSIM never activated');
  await filters.getByRole('button', { name: 'Done' }).click();
  // Live: of two new posts only the VIP's comes in.
  await workspace.admin.createPost({ author: 'note_omar', text: '@NimbusMobile notejet still no refund' });
  await workspace.admin.createPost({ author: 'note_nadia', text: '@NimbusMobile notejet it works now, thanks' });
  await expect(articles.filter({ hasText: 'it works now, thanks' })).toBeVisible({ timeout: 10_000 });
  await expect(articles.filter({ hasText: 'refund' })).toHaveCount(0);
  await expect(articles).toHaveCount(2);

  // After a reload: the column is still filtered, and the note is still there, in the panel and the Customers view.
  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Search: notejet', exact: true });
  await expect(reloaded.getByRole('article')).toHaveCount(2, { timeout: 10_000 });
  await expect(reloaded.getByRole('article').filter({ hasText: 'refund' })).toHaveCount(0);
  await reloaded.getByRole('article').filter({ hasText: 'eSIM never activated' }).getByText('my eSIM never activated').click();
  await expect(panel.getByRole('list', { name: 'Notes about @note_nadia' }).getByRole('listitem')).toHaveText([/Two lines on her plan; the eSIM is on the second\s*You · /]);
  await page.getByRole('region', { name: 'Conversation' }).getByRole('button', { name: 'Close conversation' }).click();
  await page.getByRole('banner').getByRole('button', { name: 'Customers' }).click();
  const view = page.getByRole('dialog', { name: 'Customers' });
  await view.getByRole('combobox', { name: 'Handle' }).selectOption({ label: '@NimbusMobile' });
  await view.getByRole('searchbox', { name: 'Find a customer' }).fill('note_nadia');
  const nadia = view.getByRole('list', { name: 'Customers found' }).getByRole('listitem', { name: '@note_nadia' });
  await nadia.getByRole('button', { name: 'Notes (1)' }).click();
  await expect(nadia.getByRole('list', { name: 'Notes about @note_nadia' }).getByRole('listitem')).toContainText(['Two lines on her plan']);
  // Added in the view, it counts there too.
  await nadia.getByRole('textbox', { name: 'Customer note' }).fill('Prefers DMs');
  await nadia.getByRole('button', { name: 'Add note' }).click();
  await expect(nadia.getByRole('list', { name: 'Notes about @note_nadia' }).getByRole('listitem')).toHaveCount(2);
  await expect(nadia.getByRole('button', { name: 'Notes (2)' })).toBeVisible();
  await view.getByRole('button', { name: 'Close' }).click();

  // "Has customer notes" keeps her posts only; a note written about Omar brings his in at once.
  await chooseFromMenu(reloaded, 'Filters');
  const again = reloaded.getByRole('form', { name: 'Filters' });
  await again.getByRole('combobox', { name: 'Customer label' }).selectOption({ label: 'Any customer' });
  await again.getByRole('checkbox', { name: 'Has customer notes' }).check();
  await expect(reloaded.getByRole('article')).toHaveCount(2);
  await expect(reloaded.getByRole('article').filter({ hasText: 'refund' })).toHaveCount(0);
  await again.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('banner').getByRole('button', { name: 'Customers' }).click();
  await view.getByRole('searchbox', { name: 'Find a customer' }).fill('note_omar');
  const omar = view.getByRole('list', { name: 'Customers found' }).getByRole('listitem', { name: '@note_omar' });
  await omar.getByRole('button', { name: 'Notes (0)' }).click();
  await expect(omar.getByText('No notes yet.')).toBeVisible();
  await omar.getByRole('textbox', { name: 'Customer note' }).fill('Refund promised on the 3rd');
  await omar.getByRole('button', { name: 'Add note' }).click();
  await expect(omar.getByRole('button', { name: 'Notes (1)' })).toBeVisible();
  await view.getByRole('button', { name: 'Close' }).click();
  await expect(reloaded.getByRole('article')).toHaveCount(4);
  await expect(reloaded.getByRole('article').filter({ hasText: 'refund' })).toHaveCount(2);
  await removeColumn(reloaded);
});

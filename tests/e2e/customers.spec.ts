// The Customers view: the agent finds a customer by name, labels them VIP with "Add label" (and a
// label of their own), narrows the list by label, and opens the customer, whose panel shows who
// they are (bio, joined) and the labels; a label taken off in the panel is gone from the view.
import { addColumn, removeColumn } from './deck-helpers';
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

// Steps the deck specs share: adding columns through the dialog, feeding the sandbox, and reading
// where posts are on screen.
import type { Locator, Page } from '@playwright/test';
import type { sandboxAdmin } from '../helpers/sandbox';
import { expect } from './fixtures';

type Admin = ReturnType<typeof sandboxAdmin>;

export type NewColumn =
  | { kind: 'Search'; query: string; account?: string }
  | { kind: 'Mentions' | 'Direct messages'; account?: string }
  /** Case queues and the approval queue: offered on a team's handles. */
  | { kind: 'Assigned to me' | 'Unassigned' | 'Approvals'; account?: string }
  /** A handle's outbox: scheduled posts, failed sends, posts sent lately. */
  | { kind: 'Scheduled'; account?: string }
  | { kind: 'User'; username: string }
  | { kind: 'Archive search'; query: string };

/** Adds a column with the dialog, as an agent does, and answers its region. */
export async function addColumn(page: Page, column: NewColumn, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add column' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add column' });
  // The account first: the kinds offered depend on it (case queues only on a team's handle).
  await dialog.getByRole('combobox', { name: 'Account' }).selectOption({ label: `@${'account' in column && column.account ? column.account : 'AcmeAir'}` });
  await dialog.getByRole('radio', { name: column.kind, exact: true }).check();
  if (column.kind === 'Search') await dialog.getByRole('textbox', { name: 'Search query' }).fill(column.query);
  if (column.kind === 'User') await dialog.getByRole('textbox', { name: 'Username' }).fill(column.username);
  if (column.kind === 'Archive search') await dialog.getByRole('textbox', { name: 'Archive query' }).fill(column.query);
  await dialog.getByRole('button', { name: 'Create column' }).click();
  await expect(dialog).toBeHidden();
  const region = page.getByRole('region', { name: title, exact: true });
  await expect(region).toBeVisible();
  return region;
}

/** Creates posts one after another (ids grow with creation order); answers their ids, oldest first. */
export async function createPosts(admin: Admin, count: number, text: (index: number) => string, author = 'deck_tester'): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) ids.push((await admin.createPost({ author, text: text(index) })).id);
  return ids;
}

/** Creates posts at `perSecond` for `seconds`, on the wall clock, like live traffic. */
export async function trickle(admin: Admin, perSecond: number, seconds: number, text: (index: number) => string): Promise<number> {
  const total = Math.round(perSecond * seconds);
  const started = Date.now();
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1_000) / perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await admin.createPost({ author: 'live_traffic', text: text(index) });
  }
  return total;
}

/** The scrolling list of a column. */
export const postList = (column: Locator): Locator => column.locator('.post-list');

/** The first post whose top edge is inside the column's viewport, and where that edge is. */
export async function topVisiblePost(column: Locator): Promise<{ id: string; top: number }> {
  return postList(column).evaluate((list) => {
    const frame = list.getBoundingClientRect();
    for (const article of list.querySelectorAll('article[data-post-id]')) {
      const top = article.getBoundingClientRect().top;
      if (top >= frame.top - 0.5) return { id: article.getAttribute('data-post-id')!, top: Math.round((top - frame.top) * 10) / 10 };
    }
    throw new Error('no post on screen');
  });
}

/** Where a given post's top edge is in the column's viewport (null when it is not rendered). */
export async function postTop(column: Locator, postId: string): Promise<number | null> {
  return postList(column).evaluate((list, id) => {
    const article = list.querySelector(`article[data-post-id="${id}"]`);
    if (!article) return null;
    return Math.round((article.getBoundingClientRect().top - list.getBoundingClientRect().top) * 10) / 10;
  }, postId);
}

/** Scrolls a column by wheel, as a person does, and waits until it rests. */
export async function wheel(page: Page, column: Locator, deltaY: number): Promise<void> {
  await column.getByRole('heading').first().scrollIntoViewIfNeeded(); // the deck scrolls sideways
  const box = (await postList(column).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, deltaY);
  let last = -1;
  await expect
    .poll(async () => {
      const now = await postList(column).evaluate((list) => list.scrollTop);
      const rested = now === last;
      last = now;
      return rested;
    }, { intervals: [100] })
    .toBe(true);
}

export const scrollTopOf = (column: Locator): Promise<number> => postList(column).evaluate((list) => list.scrollTop);

/** Opens a column's menu and chooses an item ("Desktop notifications" is a checkbox item). */
export async function chooseFromMenu(column: Locator, item: string): Promise<void> {
  await column.getByRole('button', { name: 'Column options' }).click();
  const role = item === 'Desktop notifications' ? 'menuitemcheckbox' : 'menuitem';
  await column.getByRole('menu', { name: 'Column options' }).getByRole(role, { name: item, exact: true }).click();
}

export async function removeColumn(column: Locator): Promise<void> {
  await chooseFromMenu(column, 'Remove column');
  await column.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(column).toHaveCount(0);
}

/** Column titles in the order the deck shows them. */
export async function deckOrder(page: Page): Promise<string[]> {
  return page.locator('[data-column-id]').evaluateAll((columns) => columns.map((column) => column.getAttribute('aria-label') ?? ''));
}

import type { Page } from '@playwright/test';
import { addColumn, chooseFromMenu, removeColumn } from './deck-helpers';
import { expect, test } from './fixtures';

// Desktop notifications go through the web Notification API. Headless Chromium has no
// notification centre to look at, so the page gets a stand-in that behaves like the browser's
// (permission remembered across reloads) and records what the app asks and shows.

interface NotificationLog {
  requests: number;
  shown: { title: string; body: string }[];
}

/** The browser globals the stand-in touches (the tests' type check has no DOM library). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  document: { hasFocus(): boolean };
}

async function fakeNotifications(page: Page, answer: 'default' | 'granted' | 'denied', start: 'default' | 'granted'): Promise<void> {
  await page.addInitScript(
    ({ answer, start }) => {
      const { localStorage: store, document } = globalThis as unknown as PageGlobals;
      const log = (): NotificationLog => JSON.parse(store.getItem('test:notifications') ?? '{"requests":0,"shown":[]}') as NotificationLog;
      const save = (value: NotificationLog) => store.setItem('test:notifications', JSON.stringify(value));
      if (store.getItem('test:permission') === null) store.setItem('test:permission', start);
      class RecordingNotification {
        onclick: (() => void) | null = null;
        static get permission() {
          return store.getItem('test:permission');
        }
        static async requestPermission() {
          const value = log();
          save({ ...value, requests: value.requests + 1 });
          store.setItem('test:permission', answer);
          return answer;
        }
        constructor(title: string, options?: { body?: string }) {
          const value = log();
          save({ ...value, shown: [...value.shown, { title, body: options?.body ?? '' }] });
        }
        close() {}
      }
      Object.defineProperty(globalThis, 'Notification', { value: RecordingNotification, configurable: true });
      document.hasFocus = () => false; // the agent is in another window
    },
    { answer, start },
  );
}

const notificationLog = (page: Page) =>
  page.evaluate(() => JSON.parse((globalThis as unknown as PageGlobals).localStorage.getItem('test:notifications') ?? '{"requests":0,"shown":[]}') as NotificationLog);

test('permission is asked once, when a column wants notifications, and not again after a dismissal or a reload', async ({ page, workspace }) => {
  await fakeNotifications(page, 'default', 'default'); // the agent closes the prompt without answering
  await page.goto(workspace.appUrl);
  await expect(page.getByRole('region').first()).toBeVisible();
  expect((await notificationLog(page)).requests).toBe(0); // no column has notifications on yet

  const mentions = await addColumn(page, { kind: 'Mentions' }, 'Mentions: @AcmeAir');
  await expect.poll(async () => (await notificationLog(page)).requests).toBe(1);

  const search = await addColumn(page, { kind: 'Search', query: 'notifyjet' }, 'Search: notifyjet');
  await chooseFromMenu(search, 'Desktop notifications');
  await expect(page.getByRole('status').filter({ hasText: 'Desktop notifications on for Search: notifyjet' })).toBeVisible();
  await page.reload();
  await expect(mentions).toBeVisible();
  await page.waitForTimeout(500);
  expect((await notificationLog(page)).requests).toBe(1);

  await removeColumn(search);
  await removeColumn(mentions);
});

test('with permission granted, new posts in a column with notifications on are shown while the agent is away', async ({ page, workspace }) => {
  await fakeNotifications(page, 'granted', 'granted');
  await page.goto(workspace.appUrl);
  const mentions = await addColumn(page, { kind: 'Mentions' }, 'Mentions: @AcmeAir');
  await expect(mentions.getByText('Live')).toBeVisible();
  const quiet = await addColumn(page, { kind: 'Search', query: 'quietjet' }, 'Search: quietjet');

  await workspace.admin.createPost({ author: 'notify_fan', text: '@AcmeAir my bag never arrived' });
  await workspace.admin.createPost({ author: 'notify_fan', text: 'quietjet nobody needs to hear about this' });
  await expect(mentions.getByRole('article').filter({ hasText: 'my bag never arrived' })).toBeVisible({ timeout: 5_000 });
  await expect(quiet.getByRole('article')).toHaveCount(1, { timeout: 5_000 });
  const { shown, requests } = await notificationLog(page);
  expect(requests).toBe(0);
  expect(shown).toEqual([{ title: 'Mentions: @AcmeAir', body: '@notify_fan: @AcmeAir my bag never arrived' }]);

  await removeColumn(mentions);
  await removeColumn(quiet);
});

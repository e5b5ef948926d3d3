// Desktop notifications go through the web Notification API. Headless Chromium has no
// notification centre to look at, so the page gets a stand-in that behaves like the browser's
// (permission remembered across reloads) and records what the app asks and shows.

import type { Page } from '@playwright/test';

export interface NotificationLog {
  requests: number;
  shown: { title: string; body: string }[];
}

/** The browser globals the stand-in touches (the tests' type check has no DOM library). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  document: { hasFocus(): boolean };
}

export async function fakeNotifications(page: Page, answer: 'default' | 'granted' | 'denied', start: 'default' | 'granted'): Promise<void> {
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

export const notificationLog = (page: Page) =>
  page.evaluate(() => JSON.parse((globalThis as unknown as PageGlobals).localStorage.getItem('test:notifications') ?? '{"requests":0,"shown":[]}') as NotificationLog);


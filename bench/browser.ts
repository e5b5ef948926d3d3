// Chromium as the e2e tests run it (Debian's binary, playwright.config.ts's launch arguments), with
// the card recorder of page-scripts.ts installed in every page before the app's own scripts.
import { chromium, type Browser, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import type { CpuProfile } from './profile';
import { IDLE_FRAMES_SCRIPT, RECORDER_SCRIPT, SCROLL_ALL_TO_TOP_SCRIPT, SCROLL_COLUMN_SCRIPT } from './page-scripts';

/** One card added to the DOM: column id, the post's `<time datetime>`, performance.now(), Date.now(), a text key. */
export type CardArrival = [columnId: string, postTime: string, at: number, epochMs: number, key: string];

export interface ScrollRun {
  error?: string;
  deltas: number[];
  distance: number;
  reachedEnd: boolean;
  cardsInDom: number;
  scrollHeight: number;
  longTasks: number[];
}

export async function launchChromium(): Promise<{ browser: Browser; version: string }> {
  const launch = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, headless: true });
  return { browser, version: browser.version() };
}

/** A page on the deck at `url`, with the recorder running from the first script on. */
export async function openDeck(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript({ content: RECORDER_SCRIPT });
  await page.goto(url);
  return page;
}

const evaluate = <T>(page: Page, script: string, argument: unknown = null) => page.evaluate(`(${script})(${JSON.stringify(argument)})`) as Promise<T>;

/**
 * Waits until every column in `columnIds` has painted a card; answers the paint times
 * (performance.now()). Polls with evaluate: the page's CSP forbids waitForFunction's eval.
 */
export async function waitForColumnsPainted(page: Page, columnIds: readonly string[], timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const painted = await evaluate<Record<string, number>>(page, '() => ({ ...(window.__bench ? window.__bench.firstPaint : {}) })');
    if (columnIds.every((id) => (painted[id] ?? -1) > 0)) return painted;
    if (Date.now() > deadline) throw new Error(`columns without a painted card after ${timeoutMs} ms: ${columnIds.filter((id) => !((painted[id] ?? -1) > 0)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Column ids in deck order, as the page shows them. */
export const columnsInPage = (page: Page) => evaluate<string[]>(page, "() => [...document.querySelectorAll('[data-column-id]')].map((el) => el.getAttribute('data-column-id'))");

export const cardArrivals = (page: Page) => evaluate<CardArrival[]>(page, '() => window.__bench.cards');

export const clearCardArrivals = (page: Page) => evaluate<void>(page, '() => { window.__bench.cards = []; }');

export const scrollColumn = (page: Page, columnId: string, frames: number, step: number) => evaluate<ScrollRun>(page, SCROLL_COLUMN_SCRIPT, { columnId, frames, step });

export const idleFrameDeltas = (page: Page, frames: number) => evaluate<number[]>(page, IDLE_FRAMES_SCRIPT, frames);

export const scrollAllToTop = (page: Page) => evaluate<void>(page, SCROLL_ALL_TO_TOP_SCRIPT);

/** Starts the page's CPU profiler (CDP); the returned function stops it and answers the profile. */
export async function startPageProfiling(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile as unknown as CpuProfile;
  };
}

/** The app's own code in a page profile: the renderer bundle. */
export const isRendererBundle = (url: string) => /\/assets\/index-[^/]*\.js$/.test(url);

/** The renderer's JS heap after a full garbage collection, MB (CDP Runtime.getHeapUsage). */
export async function jsHeapMB(page: Page): Promise<{ usedMB: number; totalMB: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { usedMB: usedSize / 2 ** 20, totalMB: totalSize / 2 ** 20 };
}

/** Distinct cards (by post time and text) the recorder saw in one column. */
export const distinctCards = (cards: readonly CardArrival[], columnId: string) =>
  new Set(cards.filter(([column]) => column === columnId).map(([, postTime, , , key]) => `${postTime}|${key}`)).size;

/**
 * Where the renderer's main thread spends a stretch of frames, from a Chrome trace: milliseconds
 * per frame by trace event (Layout, Paint, Layerize, script...), top `top` events.
 */
export async function traceMainThread(browser: Browser, page: Page, frames: () => Promise<number>, top = 12): Promise<Record<string, number>> {
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const count = await frames();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const totals = new Map<string, number>();
  for (const event of trace.traceEvents) {
    // RunTask wraps everything else: the phases below it are what explain the time.
    if (event.ph !== 'X' || !event.dur || event.name === 'RunTask' || !mainThreads.has(`${event.pid}:${event.tid}`)) continue;
    totals.set(event.name, (totals.get(event.name) ?? 0) + event.dur / 1000);
  }
  return Object.fromEntries(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => [name, Math.round((ms / Math.max(1, count)) * 100) / 100]),
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Freshness samples: per card (column and post), the first time it was in the DOM minus the post's time. */
export function latenciesSince(cards: readonly CardArrival[], sinceEpochMs: number): number[] {
  const first = new Map<string, number>();
  for (const [columnId, postTime, , epochMs, key] of cards) {
    const created = Date.parse(postTime);
    if (!Number.isFinite(created) || created < sinceEpochMs) continue;
    const id = `${columnId}|${postTime}|${key}`;
    if (!first.has(id)) first.set(id, epochMs - created);
  }
  return [...first.values()];
}

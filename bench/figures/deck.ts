// Figures 4 and 5 in Chromium against the web host (its own process) on the deck store: 10
// columns holding N posts each (20,000 in a full run; post i filed in column i mod 10), with a
// sandbox process behind the web host for the live traffic.
// 4. Deck: time from navigation until every column has painted its first card; frame times while
//    each column scrolls (requestAnimationFrame deltas, p95; ceiling: a 60 Hz frame); the
//    renderer's JS heap after a garbage collection.
// 5. Freshness: with traffic at 200 posts/s, the time from the sandbox creating a post (and
//    writing it to the stream in the same turn) until its card is in the DOM, per card. The
//    post's time comes from its `<time datetime>`; sandbox, host and Chromium share this clock.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { sandboxAdmin } from '../../tests/helpers/sandbox';
import {
  cardArrivals,
  clearCardArrivals,
  distinctCards,
  idleFrameDeltas,
  isRendererBundle,
  jsHeapMB,
  latenciesSince,
  launchChromium,
  openDeck,
  scrollAllToTop,
  scrollColumn,
  startPageProfiling,
  traceMainThread,
  waitForColumnsPainted,
  type ScrollRun,
} from '../browser';
import { BENCH_COLUMNS } from '../columns';
import type { BenchContext } from '../context';
import { copyStore, ensureStore, type BuiltStore } from '../fixtures';
import { listenToHostEvents } from '../host-events';
import { startSandboxProcess, startWebHostProcess } from '../processes';
import { formatSummary, PROFILE_DIR, saveProfile, summarise } from '../profile';
import { figure, latencyFigures, type Figure } from '../report';
import { mean, percentile, round, sleep } from '../stats';

/** Wide enough that all ten columns (340 px each) are on screen. */
export const DECK_VIEWPORT = { width: 3_560, height: 1_000 };
const SCROLL_STEP_PX = 100;
const FRAME_MS = 1000 / 60;
/** A mix of busy and quiet columns of both brands (new posts reach them through their rules). */
const DECK_COLUMNS = [0, 1, 2, 3, 7, 10, 11, 12, 17, 19].map((index) => BENCH_COLUMNS[index]!);

export async function runDeckSession(context: BenchContext): Promise<Figure[]> {
  const { sizes, options } = context;
  const store = await ensureStore(
    { name: 'deck', posts: sizes.deckPostsPerColumn * sizes.deckColumns, columns: DECK_COLUMNS.slice(0, sizes.deckColumns), routing: 'round-robin', seed: 5 },
    options.fresh,
    context.log,
  );
  const dataDir = context.tempDir('deckhand-bench-deck-');
  copyStore(store, dataDir);
  const sandbox = await startSandboxProcess(['--seed', '21']);
  const sandboxUrl = sandbox.match[1]!;
  const host = await startWebHostProcess(dataDir, sandboxUrl, options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []).catch(async (error: unknown) => {
    await sandbox.stop();
    throw error;
  });
  const { browser, version } = await launchChromium();
  context.chromiumVersion = version;
  try {
    const page = await openDeck(browser, host.match[1]!, DECK_VIEWPORT);
    context.log(`deck: ${store.columns.length} columns of ${sizes.deckPostsPerColumn.toLocaleString('en-US')} posts in Chromium`);
    const painted = await waitForColumnsPainted(page, store.columns.map((c) => c.id), 60_000);
    const figures: Figure[] = [];
    if (options.only.has('deck')) figures.push(...(await deckFigures(context, browser, page, store, painted)));
    if (options.only.has('freshness')) figures.push(...(await freshness(context, page, sandboxUrl, host.match[1]!)));
    return figures;
  } finally {
    await browser.close();
    await host.stop();
    await sandbox.stop();
  }
}

/** With --profile: the renderer's CPU profile over `run`, saved and summarised. */
async function profiled<T>(context: BenchContext, page: Page, name: string, run: () => Promise<T>): Promise<T> {
  if (!context.options.profile) return run();
  const stop = await startPageProfiling(page);
  const result = await run();
  const profile = await stop();
  const file = join(PROFILE_DIR, `${name}.cpuprofile`);
  saveProfile(file, profile);
  context.log(formatSummary(`CPU profile of the renderer (${file})`, summarise(profile, 20, isRendererBundle)));
  return result;
}

async function deckFigures(context: BenchContext, browser: Browser, page: Page, store: BuiltStore, painted: Record<string, number>): Promise<Figure[]> {
  const firstPaint = Math.max(...Object.values(painted));
  const idle = await idleFrameDeltas(page, 60);
  await clearCardArrivals(page);
  const runs = await profiled(context, page, 'renderer-scroll', async () => {
    const list: ScrollRun[] = [];
    for (const column of store.columns) list.push(await scrollColumn(page, column.id, context.sizes.scrollFrames, SCROLL_STEP_PX));
    return list;
  });
  const seen = await cardArrivals(page);
  const deltas: number[] = [];
  const perColumn: Record<string, unknown>[] = [];
  for (const [index, column] of store.columns.entries()) {
    const run = runs[index]!;
    if (run.error) throw new Error(run.error);
    deltas.push(...run.deltas);
    perColumn.push({
      column: column.title,
      frames: run.deltas.length,
      p95: round(percentile(run.deltas, 95)),
      scrolledPx: Math.round(run.distance),
      reachedEnd: run.reachedEnd,
      cardsInDom: run.cardsInDom,
      distinctCardsSeen: distinctCards(seen, column.id),
      longTasks: run.longTasks.length,
    });
  }
  if (deltas.length === 0) throw new Error('no frames were measured while scrolling');
  // With --profile: what one more column scroll costs the main thread per frame, by phase.
  const breakdown = context.options.profile
    ? await traceMainThread(browser, page, async () => (await scrollColumn(page, store.columns[0]!.id, context.sizes.scrollFrames, SCROLL_STEP_PX)).deltas.length)
    : null;
  const heap = await jsHeapMB(page);
  const postsPerColumn = context.sizes.deckPostsPerColumn;
  const common = {
    columns: store.columns.length,
    postsPerColumn,
    viewport: DECK_VIEWPORT,
    // How far the scrolling got into each column: distinct posts rendered while it scrolled.
    postsScrolledThrough: Math.max(...perColumn.map((c) => c.distinctCardsSeen as number)),
  };
  return [
    figure({
      name: 'deck.first-paint',
      label: `Deck first paint (${store.columns.length} columns)`,
      value: firstPaint,
      unit: 'ms',
      better: 'lower',
      details: { ...common, perColumnMs: Object.fromEntries(store.columns.map((c) => [c.title, Math.round(painted[c.id]!)])) },
    }),
    figure({
      name: 'deck.scroll-frame-p95',
      label: 'Deck scrolling frame p95',
      value: percentile(deltas, 95),
      unit: 'ms',
      better: 'lower',
      ceiling: FRAME_MS,
      ceilingNote: 'one 60 Hz frame',
      target: { op: '<=', value: FRAME_MS },
      details: {
        ...common,
        frames: deltas.length,
        p50: round(percentile(deltas, 50)),
        max: round(Math.max(...deltas)),
        framesOver33ms: deltas.filter((d) => d > 2 * FRAME_MS + 1).length,
        idleFrameP95: round(percentile(idle, 95)),
        idleFrameMean: round(mean(idle)),
        stepPxPerFrame: SCROLL_STEP_PX,
        ...(breakdown ? { mainThreadMsPerFrame: breakdown } : {}),
        perColumn,
      },
    }),
    figure({
      name: 'deck.js-heap',
      label: 'Deck renderer JS heap',
      value: heap.usedMB,
      unit: 'MB',
      better: 'lower',
      details: { ...common, totalHeapMB: round(heap.totalMB), measured: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, after scrolling every column' },
    }),
  ];
}

async function freshness(context: BenchContext, page: Page, sandboxUrl: string, appUrl: string): Promise<Figure[]> {
  const { freshnessRate, freshnessSeconds } = context.sizes;
  const admin = sandboxAdmin(sandboxUrl);
  const hostEvents = await listenToHostEvents(appUrl);
  await scrollAllToTop(page);
  await sleep(1_000);
  await clearCardArrivals(page);
  const since = Date.now();
  const before = await admin.traffic({ rate: freshnessRate, seed: 77 });
  context.log(`freshness: ${freshnessRate} posts/s for ${freshnessSeconds} s`);
  const after = await profiled(context, page, 'renderer-freshness', async () => {
    await sleep(freshnessSeconds * 1000);
    return admin.traffic({ rate: 0 });
  });
  await sleep(2_000);
  const latencies = latenciesSince(await cardArrivals(page), since);
  const atHost = hostEvents.latenciesSince(since);
  hostEvents.close();
  if (latencies.length === 0) throw new Error('no new post reached the DOM while traffic ran');
  const details = {
    rate: freshnessRate,
    seconds: freshnessSeconds,
    postsEmitted: after.emitted - before.emitted,
    cardsMeasured: latencies.length,
    max: Math.round(Math.max(...latencies)),
    // The same posts as the web host's event stream delivered them (a second WebSocket client):
    // what is left of the figure is the renderer's part.
    hostEventP50: Math.round(percentile(atHost, 50)),
    hostEventP99: Math.round(percentile(atHost, 99)),
    measured: 'Date.now() when a MutationObserver saw the card, minus the post time the sandbox stamped as it wrote the post to the stream',
  };
  return latencyFigures({ name: 'freshness', label: `Freshness at ${freshnessRate} posts/s`, samples: latencies, high: 99, targetMs: 250, details });
}

// Figures 6 and 7 on a copy of the archive store (1,000,000 posts, 20 columns), the web host in its
// own process against a sandbox process, the deck in Chromium.
// 6. Cold start: from spawning the web host until the first column of the deck has painted a
//    card (the page is opened as soon as the host prints its URL). tsx's transform cache is warmed
//    by a throwaway start first (the packaged app loads bundled JavaScript, not TypeScript), and the
//    store was just copied, so its pages are in the OS cache: a warm start of a large archive.
// 7. Memory: the web host's RSS (/proc) while all 20 columns are live: the deck open and traffic
//    at 200 posts/s flowing through the stream into the store and the page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { sandboxAdmin } from '../../tests/helpers/sandbox';
import { columnsInPage, launchChromium, openDeck } from '../browser';
import type { BenchContext } from '../context';
import { copyStore, ensureStore } from '../fixtures';
import { memoryOf, startSandboxProcess, startWebHostProcess, type BenchProcess } from '../processes';
import { formatSummary, PROFILE_DIR, summarise, type CpuProfile } from '../profile';
import { figure, type Figure } from '../report';
import { round, sleep } from '../stats';
import { DECK_VIEWPORT } from './deck';
import { archiveStoreSpec } from './queries';

const LIVE_RATE = 200;
const HOST_PROFILE = 'web-host.cpuprofile';
const SAMPLE_MS = 250;

export async function runStartupSession(context: BenchContext): Promise<Figure[]> {
  const store = await ensureStore(archiveStoreSpec(context), context.options.fresh, context.log);
  const sandbox = await startSandboxProcess(['--seed', '31']);
  const sandboxUrl = sandbox.match[1]!;
  const { browser, version } = await launchChromium();
  context.chromiumVersion = version;
  let host: BenchProcess | null = null;
  try {
    const warmUp = await startWebHostProcess(context.tempDir('deckhand-bench-warmup-'), sandboxUrl);
    await warmUp.stop();
    const dataDir = context.tempDir('deckhand-bench-startup-');
    copyStore(store, dataDir);
    context.log(`cold start: web host on ${store.posts.toLocaleString('en-US')} posts in ${store.columns.length} columns`);
    const profileFlags = context.options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${HOST_PROFILE}`] : [];
    host = await startWebHostProcess(dataDir, sandboxUrl, profileFlags);
    const figures: Figure[] = [];
    const start = await coldStart(browser, host);
    if (context.options.only.has('cold-start')) {
      figures.push(
        figure({
          name: 'cold-start',
          label: `Cold start (${store.posts.toLocaleString('en-US')} posts)`,
          value: start.totalMs,
          unit: 'ms',
          better: 'lower',
          target: { op: '<=', value: 2_000 },
          details: { storePosts: store.posts, columns: store.columns.length, ...start.details },
        }),
      );
    }
    if (context.options.only.has('memory')) figures.push(await liveMemory(context, host, sandboxUrl, store.posts, store.columns.length));
    return figures;
  } finally {
    await browser.close();
    await host?.stop();
    await sandbox.stop();
    if (host && context.options.profile) logHostProfile(context);
  }
}

/** The web host writes its profile (start, deck load, live traffic) when it exits. */
function logHostProfile(context: BenchContext): void {
  const file = join(PROFILE_DIR, HOST_PROFILE);
  if (!existsSync(file)) return context.log(`no web host profile at ${file}`);
  context.log(formatSummary(`CPU profile of the web host from start to exit (${file})`, summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)));
}

async function coldStart(browser: Browser, host: BenchProcess) {
  const page = await openDeck(browser, host.match[1]!, DECK_VIEWPORT);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [first] = await columnsInPage(page);
    const paintedAt = first ? await page.evaluate(`window.__bench.firstPaint[${JSON.stringify(first)}]`) : undefined;
    if (typeof paintedAt === 'number' && paintedAt > 0) {
      const timeOrigin = (await page.evaluate('performance.timeOrigin')) as number;
      const painted = timeOrigin + paintedAt;
      return {
        totalMs: painted - host.spawnedAt,
        details: {
          hostReadyMs: host.readyAt - host.spawnedAt,
          pageToFirstColumnMs: Math.round(paintedAt),
          measured: 'spawn of the web host → its ready line → page opened → first column painted a card (rAF after the card was added)',
        },
      };
    }
    if (Date.now() > deadline) throw new Error('the first column did not paint within 60 s');
    await sleep(10);
  }
}

async function liveMemory(context: BenchContext, host: BenchProcess, sandboxUrl: string, posts: number, columns: number): Promise<Figure> {
  const admin = sandboxAdmin(sandboxUrl);
  await sleep(1_000);
  const settled = memoryOf(host.pid);
  const samples: number[] = [];
  const before = await admin.traffic({ rate: LIVE_RATE, seed: 99 });
  const until = Date.now() + context.sizes.memoryLiveSeconds * 1000;
  while (Date.now() < until) {
    samples.push(memoryOf(host.pid).rssMB);
    await sleep(SAMPLE_MS);
  }
  const after = await admin.traffic({ rate: 0 });
  const end = memoryOf(host.pid);
  return figure({
    name: 'memory.main-rss',
    label: `Main-process RSS (${posts.toLocaleString('en-US')} posts, ${columns} live columns)`,
    value: Math.max(...samples),
    unit: 'MB',
    better: 'lower',
    target: { op: '<=', value: 400 },
    details: {
      measured: `max VmRSS of the web host process while traffic ran at ${LIVE_RATE} posts/s for ${context.sizes.memoryLiveSeconds} s with the deck open`,
      rssBeforeTrafficMB: round(settled.rssMB),
      rssAfterTrafficMB: round(end.rssMB),
      peakSinceStartMB: round(end.peakMB),
      postsDuringWindow: after.emitted - before.emitted,
      samples: samples.length,
    },
  });
}

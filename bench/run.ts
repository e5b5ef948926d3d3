// `npm run bench`: measures Deckhand against the ceilings of the same work on this machine (issue
// 7), prints a table and writes bench/results.json. Targets are reported, never failed on; the
// run fails only when the harness could not produce a figure (that is what `npm test` checks).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context';
import { runDeckSession } from './figures/deck';
import { runIngest } from './figures/ingest';
import { runQueries } from './figures/queries';
import { runStartupSession } from './figures/startup';
import { machineInfo } from './machine';
import { FIGURE_GROUPS, parseBenchArgs, sizesFor, UsageError, USAGE, type BenchOptions, type FigureGroup } from './options';
import { repoRoot } from './paths';
import { formatTable, harnessProblems, writeResults, type BenchResults, type Figure } from './report';

/** The figures each group must produce. */
const EXPECTED: Record<FigureGroup, string[]> = {
  ingest: ['ingest.throughput'],
  'column-page': ['column-page.p50', 'column-page.p95'],
  'archive-search': ['archive-search.p50', 'archive-search.p95'],
  'case-list': ['case-list.p50', 'case-list.p95'],
  deck: ['deck.first-paint', 'deck.scroll-frame-p95', 'deck.js-heap'],
  freshness: ['freshness.p50', 'freshness.p99'],
  'cold-start': ['cold-start'],
  memory: ['memory.main-rss'],
  'dm-freshness': ['dm-freshness.activity.p50', 'dm-freshness.activity.p99', 'dm-freshness.polling.p50', 'dm-freshness.polling.p99'],
  team: ['team.propagation-p50', 'team.propagation-p99', 'team.intents-per-s.sqlite', 'team.intents-per-s.postgres', 'team.hub-rss', 'team.fanout-freshness-p50', 'team.fanout-freshness-p99'],
};

const BROWSER_GROUPS: readonly FigureGroup[] = ['deck', 'freshness', 'cold-start', 'memory'];

/** The web host serves out/renderer: build it when it is missing or older than the renderer's sources. */
function ensureRendererBuilt(log: (line: string) => void): void {
  const built = join(repoRoot, 'out', 'renderer', 'index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(join(repoRoot, 'src', 'renderer')), newest(join(repoRoot, 'src', 'shared')))) return;
  log('building the renderer (electron-vite build) for the web host');
  try {
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: repoRoot, stdio: 'pipe' });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`electron-vite build failed:\n${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? ''}`);
  }
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  const temps: string[] = [];
  const notMeasured: BenchResults['notMeasured'] = [];
  const context: BenchContext = {
    options,
    sizes: sizesFor(options),
    log: (line) => process.stderr.write(`${line}\n`),
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      temps.push(dir);
      return dir;
    },
    notMeasured: (figure, reason) => {
      process.stderr.write(`${figure} not measured: ${reason}\n`);
      notMeasured.push({ figure, reason });
    },
  };
  const removeTemps = () => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  // Ctrl-C: the children get the signal too; the gigabyte-sized temp stores must not stay behind.
  process.once('SIGINT', () => {
    removeTemps();
    process.exit(130);
  });
  const selected = (group: FigureGroup) => options.only.has(group);
  const figures: Figure[] = [];
  const failures: BenchResults['failures'] = [];
  const run = async (groups: FigureGroup[], measure: () => Promise<Figure[]>) => {
    if (!groups.some(selected)) return;
    try {
      figures.push(...(await measure()));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      context.log(`${groups.join(', ')} failed: ${message}`);
      failures.push({ group: groups.join(','), error: message.split('\n')[0]! });
    }
  };
  try {
    if (BROWSER_GROUPS.some(selected)) ensureRendererBuilt(context.log);
    await run(['ingest'], () => runIngest(context));
    await run(['column-page', 'archive-search', 'case-list'], () => runQueries(context));
    await run(['deck', 'freshness'], () => runDeckSession(context));
    await run(['cold-start', 'memory'], () => runStartupSession(context));
    // In parts, so one that cannot run (no PostgreSQL under CI) leaves the others' figures; loaded
    // here, so a hub that does not load fails the team figures only.
    await run(['team'], async () => (await import('./figures/team')).runTeamPropagation(context));
    await run(['team'], async () => (await import('./figures/team-intents')).runTeamIntentsSqlite(context));
    await run(['team'], async () => (await import('./figures/team-intents')).runTeamIntentsPostgres(context));
    await run(['team'], async () => (await import('./figures/team')).runTeamMemory(context));
    await run(['team'], async () => (await import('./figures/team-fanout')).runTeamFanoutFreshness(context));
    await run(['dm-freshness'], async () => (await import('./figures/dm-freshness')).runDmFreshness(context));
  } finally {
    removeTemps();
  }

  const machine = machineInfo(loadAtStart);
  if (context.chromiumVersion) machine.chromium = context.chromiumVersion;
  const kept = figures.filter((f) => FIGURE_GROUPS.some((group) => selected(group) && EXPECTED[group].includes(f.name)));
  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    scale: options.scale,
    machine,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    figures: kept,
    failures,
    notMeasured,
  };
  writeResults(options.out, results);
  process.stdout.write(`\nDeckhand benchmark (${results.mode}${options.scale !== 1 ? `, scale ${options.scale}` : ''}) on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryMB.toLocaleString('en-US')} MB, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ''}; load average ${machine.loadAverage.start} → ${machine.loadAverage.end}\n\n`);
  process.stdout.write(`${formatTable(kept)}\n\nratio: share of the ceiling reached (value/ceiling for throughputs, ceiling/value for times). Written to ${options.out} in ${results.durationSeconds} s.\n`);
  for (const skipped of notMeasured) process.stdout.write(`Not measured on this machine: ${skipped.figure}: ${skipped.reason}\n`);
  const problems = harnessProblems(results, FIGURE_GROUPS.filter(selected).flatMap((group) => EXPECTED[group]));
  if (problems.length > 0) {
    process.stderr.write(`\nThe benchmark harness did not produce every figure:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  // Chromium, sockets or timers of a failed figure must not keep the run alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

// `npm run bench -- [--quick] [--scale N] [--only NAME[,NAME]] [--profile] [--fresh] [--out FILE]`

export const FIGURE_GROUPS = ['ingest', 'column-page', 'archive-search', 'case-list', 'deck', 'freshness', 'cold-start', 'memory', 'team', 'dm-freshness'] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

export interface BenchOptions {
  quick: boolean;
  scale: number;
  only: ReadonlySet<FigureGroup>;
  /** CPU-profile the core while it ingests and print where the time goes. */
  profile: boolean;
  /** Rebuild the cached stores instead of reusing them. */
  fresh: boolean;
  out: string;
}

/** How much work each figure does. Full: what issue 7 asks; quick: the same harness in seconds. */
export interface BenchSizes {
  ingestPosts: number;
  /** Posts per sandbox burst: the most in flight between sandbox and core is two bursts. */
  ingestBurst: number;
  archivePosts: number;
  deckColumns: number;
  deckPostsPerColumn: number;
  /** Repetitions of each column page and each archive query. */
  queryRepetitions: number;
  /** Frames scrolled per column. */
  scrollFrames: number;
  freshnessRate: number;
  freshnessSeconds: number;
  memoryLiveSeconds: number;
  /** Desktops a team intent propagates to (the pusher among them). */
  teamDesktops: number;
  /** Intents pushed one after another for the propagation figure. */
  teamPushes: number;
  /** Intents applied in a row for the intents-per-second figures. */
  teamIntents: number;
  /** Desktops connected to the hub whose RSS is measured, and the intents of the burst fanned out to them. */
  teamMemoryDesktops: number;
  teamMemoryBurst: number;
  /** Seconds of traffic (at freshnessRate) the hub ingests and fans out to teamDesktops desktops. */
  teamFanoutSeconds: number;
}

const FULL: BenchSizes = {
  ingestPosts: 1_000_000,
  ingestBurst: 16_000,
  archivePosts: 1_000_000,
  deckColumns: 10,
  deckPostsPerColumn: 20_000,
  queryRepetitions: 25,
  scrollFrames: 240,
  freshnessRate: 200,
  freshnessSeconds: 30,
  memoryLiveSeconds: 20,
  teamDesktops: 50,
  teamPushes: 200,
  teamIntents: 5_000,
  teamMemoryDesktops: 200,
  teamMemoryBurst: 200,
  teamFanoutSeconds: 10,
};

const QUICK: BenchSizes = {
  ingestPosts: 20_000,
  ingestBurst: 5_000,
  archivePosts: 20_000,
  deckColumns: 10,
  deckPostsPerColumn: 500,
  queryRepetitions: 5,
  scrollFrames: 60,
  freshnessRate: 200,
  freshnessSeconds: 4,
  memoryLiveSeconds: 3,
  teamDesktops: 50,
  teamPushes: 40,
  teamIntents: 500,
  teamMemoryDesktops: 200,
  teamMemoryBurst: 200,
  teamFanoutSeconds: 4,
};

export const USAGE = `Usage: npm run bench -- [--quick] [--scale N] [--only NAME[,NAME...]] [--profile] [--fresh] [--out FILE]
  --quick       scaled down (20,000 posts): checks the harness in seconds, not the speed
  --scale N     multiplies the post counts (e.g. 2 = 2,000,000 posts to ingest)
  --only NAMES  run only these figures: ${FIGURE_GROUPS.join(', ')}
  --profile     CPU profiles (core during ingest, renderer, web host) in out/bench/profiles/, summarised
  --fresh       rebuild the cached stores (they are kept in the temp dir, keyed by schema version)
  --out FILE    where to write the results (default bench/results.json)`;

export class UsageError extends Error {}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, scale: 1, only: new Set(FIGURE_GROUPS), profile: false, fresh: false, out: 'bench/results.json' };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--scale': {
        const raw = value();
        const scale = Number(raw);
        if (!Number.isFinite(scale) || scale <= 0) throw new UsageError(`--scale needs a positive number, got "${raw}"`);
        options.scale = scale;
        break;
      }
      case '--only': {
        const names = value().split(',').map((name) => name.trim());
        const unknown = names.filter((name) => !(FIGURE_GROUPS as readonly string[]).includes(name));
        if (unknown.length > 0) throw new UsageError(`unknown figure ${unknown.join(', ')}; known: ${FIGURE_GROUPS.join(', ')}`);
        options.only = new Set(names as FigureGroup[]);
        break;
      }
      case '--profile':
        options.profile = true;
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--out':
        options.out = value();
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}

export function sizesFor(options: BenchOptions): BenchSizes {
  const base = options.quick ? QUICK : FULL;
  const scaled = (n: number) => Math.max(1, Math.round(n * options.scale));
  return {
    ...base,
    ingestPosts: scaled(base.ingestPosts),
    archivePosts: scaled(base.archivePosts),
    deckPostsPerColumn: scaled(base.deckPostsPerColumn),
  };
}

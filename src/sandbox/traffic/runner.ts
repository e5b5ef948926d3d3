// Feeds synthetic customer posts into the sandbox: `rate` posts per second on the injected
// clock, or exactly `count` posts as fast as the event loop allows (for benchmarks). Customers'
// answers under the brands' replies (replies.ts) come in between, on top of the count.
import type { Clock, TimerHandle } from '../../shared/clock';
import type { PostStore, SandboxPost } from '../state/posts';
import type { UserStore } from '../state/users';
import { TrafficGenerator, type SyntheticPost } from './generator';
import { BrandReplyAnswers } from './replies';

export interface TrafficSettings {
  rate: number;
  seed: number;
  brands: readonly string[];
  /** Emit exactly this many posts at once, then stop. */
  count?: number;
}

export interface TrafficStatus {
  running: boolean;
  rate: number;
  seed: number;
  brands: string[];
  emitted: number;
}

const BATCH = 2_000;

/** How many followers the traffic gives the author of its `seq`th post when it creates them. */
export const trafficFollowers = (seq: number): number => (seq * 7919) % 4_000;
const THREAD_RING = 1_024;

export class TrafficRunner {
  private generator: TrafficGenerator | null = null;
  private settings: TrafficSettings;
  private timer: TimerHandle | null = null;
  private burst: NodeJS.Immediate | null = null;
  private startedAt = 0;
  private emittedSinceStart = 0;
  private emitted = 0;
  /** Recent posts by generator seq, so follow-ups can reply to them. */
  private readonly recent: (SandboxPost | undefined)[] = new Array<SandboxPost | undefined>(THREAD_RING);
  private readonly recentSeq: number[] = new Array<number>(THREAD_RING).fill(-1);
  private readonly answers: BrandReplyAnswers;

  constructor(
    private readonly clock: Clock,
    private readonly users: UserStore,
    private readonly posts: PostStore,
    defaults: TrafficSettings,
  ) {
    this.settings = defaults;
    this.answers = new BrandReplyAnswers(users, posts, () => this.settings.brands, () => this.emitted, defaults.seed);
  }

  status(): TrafficStatus {
    const { rate, seed, brands } = this.settings;
    return { running: this.timer !== null || this.burst !== null, rate, seed, brands: [...brands], emitted: this.emitted };
  }

  /** Starts, changes or (rate 0, no count) stops the traffic. */
  configure(settings: TrafficSettings): TrafficStatus {
    this.stop();
    this.settings = settings;
    this.generator = new TrafficGenerator(settings.seed, settings.brands);
    this.answers.reseed(settings.seed);
    if (settings.count !== undefined && settings.count > 0) this.runBurst(settings.count);
    else if (settings.rate > 0) {
      this.startedAt = this.clock.now();
      this.emittedSinceStart = 0;
      this.scheduleTick();
    }
    return this.status();
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.burst) clearImmediate(this.burst);
    this.burst = null;
  }

  private scheduleTick(): void {
    const tickMs = Math.min(1_000, Math.max(20, 1_000 / this.settings.rate));
    this.timer = this.clock.setTimeout(() => {
      const due = Math.floor(((this.clock.now() - this.startedAt) * this.settings.rate) / 1_000) - this.emittedSinceStart;
      for (let index = 0; index < due; index++) this.emitOne();
      this.emittedSinceStart += Math.max(0, due);
      this.scheduleTick();
    }, tickMs);
  }

  private runBurst(remaining: number): void {
    const batch = Math.min(BATCH, remaining);
    for (let index = 0; index < batch; index++) this.emitOne();
    const left = remaining - batch;
    this.burst = left > 0 ? setImmediate(() => this.runBurst(left)) : null;
  }

  private emitOne(): void {
    const synthetic = this.generator!.next();
    const post = this.posts.create({
      author: this.authorOf(synthetic),
      text: synthetic.text,
      lang: synthetic.lang,
      inReplyTo: this.replyTarget(synthetic),
      ...(synthetic.media ? { media: synthetic.media } : {}),
      origin: 'traffic',
      trafficLabel: synthetic.category,
    });
    const slot = synthetic.seq % THREAD_RING;
    this.recent[slot] = post;
    this.recentSeq[slot] = synthetic.seq;
    this.emitted += 1;
    for (const answer of this.answers.takeDue()) this.posts.create({ author: answer.author, text: answer.text, inReplyTo: answer.inReplyTo, origin: 'traffic' });
  }

  private authorOf(synthetic: SyntheticPost) {
    const known = this.users.byUsername(synthetic.author);
    if (known) return known;
    const followers = trafficFollowers(synthetic.seq);
    return this.users.upsert({ username: synthetic.author, name: synthetic.authorName, followers, following: followers % 700 });
  }

  private replyTarget(synthetic: SyntheticPost): SandboxPost | null {
    if (synthetic.replyTo === null) return null;
    const slot = synthetic.replyTo % THREAD_RING;
    const post = this.recentSeq[slot] === synthetic.replyTo ? this.recent[slot] : undefined;
    return post && !post.deleted ? post : null;
  }
}

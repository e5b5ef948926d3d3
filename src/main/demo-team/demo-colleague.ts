// A simulated colleague of the demo team: joins with an invite like anyone, then works at a human
// pace over the hub's own protocol: opens a recent post, types a reply for a while, claims it,
// sometimes steps away. Nothing it does is special to the hub.
import type { Viewing } from '../../shared/hub-protocol';
import type { Logger } from '../core/ports';
import { HubSession } from '../core/team/hub-session';
import { joinHub, parseInviteLink, type WireHubMessage } from '../core/team/hub-wire';

export interface ColleagueTimings {
  /** Between two things a colleague does. */
  idleMinMs: number;
  idleMaxMs: number;
  /** Reading a post before typing. */
  openMs: number;
  /** Typing a reply before claiming the post. */
  typingMs: number;
  /** How often a turn is a break instead (0..1). */
  awayChance: number;
}

const HUMAN_PACE: ColleagueTimings = { idleMinMs: 8_000, idleMaxMs: 30_000, openMs: 4_000, typingMs: 9_000, awayChance: 0.15 };
const RECENT_POSTS = 30;

const between = (min: number, max: number) => min + Math.random() * (max - min);

export class DemoColleague {
  /** Posts this colleague took on (the hub applied the claim). */
  claimed = 0;
  private readonly recent: { handleId: string; postId: string }[] = [];
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private mutationId = 0;
  private pulling: Promise<void> = Promise.resolve();
  private readonly timings: ColleagueTimings;

  private constructor(
    readonly name: string,
    readonly memberId: string,
    private readonly session: HubSession,
    private readonly logger: Logger,
    timings: Partial<ColleagueTimings>,
  ) {
    this.timings = { ...HUMAN_PACE, ...timings };
  }

  static async join(inviteHub: string, inviteLink: string, name: string, logger: Logger, timings: Partial<ColleagueTimings> = {}): Promise<DemoColleague> {
    const { code } = parseInviteLink(inviteLink);
    const grant = await joinHub(inviteHub, { code, displayName: name });
    let colleague: DemoColleague | null = null;
    const { session, welcomed } = HubSession.open(
      inviteHub,
      grant.credential,
      { changed: (message) => colleague?.heard(message), closed: () => colleague?.stop() },
      { answerMs: 10_000, heartbeatMs: 30_000 },
    );
    await welcomed;
    colleague = new DemoColleague(name, grant.memberId, session, logger, timings);
    session.presence('online');
    await colleague.pullInTurn(true);
    colleague.schedule();
    return colleague;
  }

  close(): void {
    this.stop();
    void this.session.close();
  }

  private stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private heard(message: WireHubMessage): void {
    if (message.type === 'poke' && !this.closed) void this.pullInTurn(false).catch(() => undefined);
  }

  /** One pull at a time (the session matches one answer to one pull). */
  private pullInTurn(snapshot: boolean): Promise<void> {
    const next = this.pulling.then(() => this.pull(snapshot));
    this.pulling = next.catch(() => undefined);
    return next;
  }

  /** Learns which posts came in lately (what a colleague would see in the team column). */
  private async pull(snapshot: boolean): Promise<void> {
    const answer = await this.session.pull(this.cursor, snapshot);
    this.cursor = answer.cursor;
    if (answer.type === 'snapshot') return;
    for (const entry of answer.entries) {
      if (entry.intent !== 'ingested' || !entry.args || typeof entry.args !== 'object' || !('posts' in entry.args) || !Array.isArray(entry.args.posts)) continue;
      for (const post of entry.args.posts) {
        if (post && typeof post === 'object' && 'id' in post && typeof post.id === 'string') this.recent.push({ handleId: entry.space, postId: post.id });
      }
    }
    this.recent.splice(0, Math.max(0, this.recent.length - RECENT_POSTS));
    if (answer.more) await this.pull(false);
  }

  private schedule(delayMs = between(this.timings.idleMinMs, this.timings.idleMaxMs)): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.turn().catch((error: unknown) => this.logger.warn('demo colleague: a turn failed', { name: this.name, error: String(error) })), delayMs);
    this.timer.unref();
  }

  private after(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timer = setTimeout(resolve, ms);
      this.timer.unref();
    });
  }

  /** One thing a person does: a short break, or a post opened, answered and claimed. */
  private async turn(): Promise<void> {
    if (this.closed) return;
    const post = this.recent.length > 0 ? this.recent[Math.floor(Math.random() * this.recent.length)] : undefined;
    if (!post || Math.random() < this.timings.awayChance) {
      this.session.presence('away');
      await this.after(between(this.timings.idleMinMs, this.timings.idleMaxMs));
      if (!this.closed) this.session.presence('online');
      return this.schedule();
    }
    const viewing: Viewing = { handleId: post.handleId, postId: post.postId };
    this.session.presence('online', viewing);
    await this.after(this.timings.openMs);
    if (this.closed) return;
    this.session.presence('online', { ...viewing, typing: true });
    await this.after(this.timings.typingMs);
    if (this.closed) return;
    const result = await this.session.push(`demo-${this.memberId}`.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, '-'), { id: ++this.mutationId, name: 'claimPost', args: { handleId: post.handleId, postId: post.postId } });
    if (result.outcome === 'applied') this.claimed += 1;
    this.recent.splice(this.recent.indexOf(post), 1);
    this.session.presence('online');
    this.schedule();
  }
}

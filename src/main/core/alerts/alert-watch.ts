// The member's alert rules at work: each post or DM a column takes in, and each case whose
// first-response clock runs out, is held against the rules; a match is recorded (once per rule and
// subject, so nothing alerts twice) and then published, for the renderer's desktop notification and
// sound and for the e-mail digest. Rules are a preference of this desktop (this workspace's).
import type { Clock, TimerHandle } from '../../../shared/clock';
import { alertMatches, alertRulesSchema, describeAlertRule, type AlertRule, type AlertSubject } from '../../../shared/alerts';
import { postUrl, type DmEventView, type PostView } from '../../../shared/domain';
import type { AssignmentView } from '../../../shared/hub-protocol';
import { slaTimer, type SlaPolicy } from '../../../shared/sla';
import type { DomainEvents } from '../domain-events';
import { brandHandleIds } from '../ingest/assess';
import type { Logger, PreferenceStore } from '../ports';
import { recordAlert, type NewAlert } from '../store/alerts';
import { getColumn } from '../store/columns';
import { labelsOf } from '../store/customer-labels';
import type { Database } from '../store/database';
import { getPostViews } from '../store/posts';
import { transaction } from '../store/statements';

const RULES_PREFERENCE = 'alerts.rules';

/**
 * Only what happens now alerts: a post older than this when a column takes it in (a new column's
 * first fill reaches back days), or a breach older than this when first seen, raises nothing.
 */
export const ALERT_FRESH_MS = 3_600_000;
/** How often open cases' first-response clocks are looked at. */
export const BREACH_CHECK_MS = 30_000;

/** A post as alert rules see it; null for a brand handle's own posts and stale ones. */
export function subjectOfPost(post: PostView, brands: ReadonlySet<string>, labels: (authorId: string) => readonly string[], now: number): AlertSubject | null {
  if (brands.has(post.authorId) || isStale(post.createdAt, now)) return null;
  return {
    kind: 'post',
    id: post.id,
    text: post.text,
    author: { username: post.author.username, name: post.author.name },
    priority: post.assessment?.priority ?? null,
    labels: labels(post.authorId),
    link: postUrl(post.author.username, post.id),
  };
}

/** A DM as alert rules see it; null for the handle's own messages and stale ones. */
export function subjectOfDm(event: DmEventView, brands: ReadonlySet<string>, labels: (authorId: string) => readonly string[], now: number): AlertSubject | null {
  if (brands.has(event.senderId) || isStale(event.createdAt, now)) return null;
  return {
    kind: 'dm',
    id: event.id,
    text: event.text,
    author: event.sender ? { username: event.sender.username, name: event.sender.name } : null,
    priority: event.assessment?.priority ?? null,
    labels: labels(event.senderId),
    link: null,
  };
}

function isStale(createdAt: string, now: number): boolean {
  const at = Date.parse(createdAt);
  return Number.isFinite(at) && now - at > ALERT_FRESH_MS;
}

/** Open cases whose first-response clock ran out within ALERT_FRESH_MS of `now` (pure: unit-tested). */
export function freshBreaches(cases: readonly AssignmentView[], policyOf: (handleId: string) => SlaPolicy | null, now: number): AssignmentView[] {
  return cases.filter((item) => {
    if (item.status !== 'open' || item.answered || item.waitingSince === null) return false;
    const policy = policyOf(item.handleId);
    if (!policy) return false;
    try {
      const timer = slaTimer(policy, { waitingSince: item.waitingSince, answeredBefore: false, pauses: item.pauses }, now);
      return timer.state === 'breached' && timer.dueAt !== null && now - timer.dueAt <= ALERT_FRESH_MS;
    } catch {
      return false; // a wait the clock cannot measure (a time from the future) breaches nothing
    }
  });
}

export interface AlertWatchDeps {
  db: Database;
  domain: DomainEvents;
  /** This workspace's preferences (the demo's rules are not the X workspace's). */
  preferences: PreferenceStore;
  clock: Clock;
  logger: Logger;
  /** Every open case this desktop holds, and each team handle's SLA (null: none). */
  openCases(): readonly AssignmentView[];
  slaPolicy(handleId: string): SlaPolicy | null;
}

export class AlertWatch {
  private readonly unsubscribe: (() => void)[];
  private breachTimer: TimerHandle | null = null;

  constructor(private readonly deps: AlertWatchDeps) {
    this.unsubscribe = [
      deps.domain.on('postsRouted', ({ columnId, posts }) => this.postsArrived(columnId, posts)),
      deps.domain.on('dmEventsRouted', ({ columnId, events }) => this.dmsArrived(columnId, events)),
    ];
  }

  rules(): AlertRule[] {
    const saved = alertRulesSchema.safeParse(this.deps.preferences.get<unknown>(RULES_PREFERENCE) ?? []);
    if (!saved.success) this.deps.logger.warn('alert rules in the preferences are unreadable; none apply', { issue: saved.error.issues[0]?.message });
    return saved.success ? saved.data : [];
  }

  saveRules(rules: AlertRule[]): AlertRule[] {
    this.deps.preferences.set(RULES_PREFERENCE, rules);
    return rules;
  }

  /** Looks at open cases' clocks now and every BREACH_CHECK_MS until `stop`. */
  watchBreaches(): void {
    void this.checkBreaches().catch((error: unknown) => this.deps.logger.error('the SLA breach check failed', { error: String(error) }));
    this.breachTimer = this.deps.clock.setTimeout(() => this.watchBreaches(), BREACH_CHECK_MS);
  }

  stop(): void {
    this.deps.clock.clearTimeout(this.breachTimer);
    this.breachTimer = null;
    this.unsubscribe.forEach((unsubscribe) => unsubscribe());
  }

  async postsArrived(columnId: string, posts: readonly PostView[]): Promise<void> {
    const rules = this.enabledRules();
    if (rules.length === 0) return;
    const brands = brandHandleIds(this.deps.db);
    const labels = this.labelReader(rules);
    const now = this.deps.clock.now();
    const subjects = posts.map((post) => subjectOfPost(post, brands, labels, now));
    await this.raise(rules, subjects, getColumn(this.deps.db, columnId)?.accountId ?? null);
  }

  async dmsArrived(columnId: string, events: readonly DmEventView[]): Promise<void> {
    const rules = this.enabledRules();
    if (rules.length === 0) return;
    const brands = brandHandleIds(this.deps.db);
    const labels = this.labelReader(rules);
    const now = this.deps.clock.now();
    await this.raise(rules, events.map((event) => subjectOfDm(event, brands, labels, now)), getColumn(this.deps.db, columnId)?.accountId ?? null);
  }

  async checkBreaches(): Promise<void> {
    const rules = this.enabledRules().filter((rule) => rule.kind === 'slaBreach');
    if (rules.length === 0) return;
    const breached = freshBreaches(this.deps.openCases(), (handleId) => this.deps.slaPolicy(handleId), this.deps.clock.now());
    if (breached.length === 0) return;
    const posts = new Map(getPostViews(this.deps.db, breached.map((item) => item.postId)).map((post) => [post.id, post]));
    for (const item of breached) {
      const post = posts.get(item.postId);
      const subject: AlertSubject = {
        kind: 'slaBreach',
        id: `${item.handleId}/${item.postId}`,
        text: post?.text ?? '',
        author: post ? { username: post.author.username, name: post.author.name } : null,
        priority: null,
        labels: [],
        link: post ? postUrl(post.author.username, post.id) : null,
      };
      await this.raise(rules, [subject], item.handleId);
    }
  }

  private enabledRules(): AlertRule[] {
    return this.rules().filter((rule) => rule.enabled);
  }

  /** Labels are read only when a label rule asks, once per author per batch. */
  private labelReader(rules: readonly AlertRule[]): (authorId: string) => readonly string[] {
    if (!rules.some((rule) => rule.kind === 'label')) return () => [];
    const known = new Map<string, string[]>();
    return (authorId) => {
      let labels = known.get(authorId);
      if (!labels) known.set(authorId, (labels = labelsOf(this.deps.db, authorId)));
      return labels;
    };
  }

  /** Records each new match in one transaction, then publishes the alerts it made. */
  private async raise(rules: readonly AlertRule[], subjects: readonly (AlertSubject | null)[], handleId: string | null): Promise<void> {
    const now = this.deps.clock.now();
    const raised: { alert: NewAlert; id: number; sound: boolean }[] = [];
    transaction(this.deps.db, () => {
      for (const subject of subjects) {
        if (!subject) continue;
        for (const rule of rules) {
          if (!alertMatches(rule, subject)) continue;
          const alert: NewAlert = {
            ruleId: rule.id,
            rule: describeAlertRule(rule),
            kind: subject.kind,
            subjectId: subject.id,
            handleId,
            author: subject.author ? `@${subject.author.username}` : null,
            text: subject.text,
            link: subject.link,
          };
          const id = recordAlert(this.deps.db, alert, { digest: rule.digest, at: now });
          if (id !== null) raised.push({ alert, id, sound: rule.sound });
        }
      }
    });
    for (const { alert, id, sound } of raised) await this.deps.domain.publish({ type: 'alertRaised', alert: { ...alert, id, sound, at: now } });
  }
}

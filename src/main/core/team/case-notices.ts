// What this desktop's member is told of their cases (assigned to them by someone else, mentioned in
// a note, theirs reopened, an SLA about to breach), as their notification settings allow. The
// renderer shows each in the app and, when the window is not in front, as a desktop notification.
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { AssignmentView } from '../../../shared/hub-protocol';
import { slaLabel, slaTimer, type SlaPolicy, type SlaTimer } from '../../../shared/sla';
import { DEFAULT_CASE_NOTIFY, caseNotifySettingsSchema, type CaseNotice, type CaseNotifySettings } from '../../../shared/team';
import type { DomainEvents } from '../domain-events';
import type { PreferenceStore } from '../ports';

const SETTINGS_PREFERENCE = 'team.caseNotifications';

export interface CaseChangeSeen {
  before: AssignmentView | null;
  after: AssignmentView;
  actorId: string;
  reopened: boolean;
}

/** The notice a change of a case makes for `selfId`, if any (pure: unit-tested). */
export function noticeForChange(change: CaseChangeSeen, selfId: string, names: { member(id: string): string; customer(postId: string): string }): CaseNotice | null {
  const { before, after } = change;
  if (after.assigneeId !== selfId) return null;
  const where = { handleId: after.handleId, postId: after.postId };
  if (change.reopened) return { kind: 'reopened', ...where, text: `${names.customer(after.postId)} wrote again: your case is open` };
  if (before?.assigneeId !== selfId && change.actorId !== selfId) {
    const by = change.actorId === 'hub' ? 'Auto-assignment' : names.member(change.actorId);
    return { kind: 'assigned', ...where, text: `${by} assigned you ${names.customer(after.postId)}’s post` };
  }
  return null;
}

/** Whether a note's text mentions the member: "@Maya" or "@Maya Chen", any case; not an e-mail address. */
export function mentions(text: string, displayName: string): boolean {
  const first = displayName.trim().split(/\s+/)[0] ?? '';
  const lower = text.toLowerCase();
  const isWordChar = (char: string) => char !== '' && /[\p{L}\p{N}_.]/u.test(char);
  return [displayName.trim(), first].some((name) => {
    if (name.length === 0) return false;
    const needle = `@${name.toLowerCase()}`;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const before = at === 0 ? '' : lower.charAt(at - 1);
      const after = lower.charAt(at + needle.length);
      // "@maya." ends a sentence; "billing@maya.com" is an address, "@mayan" someone else.
      const endsWord = after === '.' ? !/[\p{L}\p{N}]/u.test(lower.charAt(at + needle.length + 1)) : !isWordChar(after);
      if (!isWordChar(before) && endsWord) return true;
    }
    return false;
  });
}

/** How often this desktop looks at its member's SLA clocks. */
export const SLA_CHECK_MS = 30_000;

/**
 * The SLA notices due for `selfId`'s open cases at `now`: one per wait (a case and its
 * `waitingSince`) once its clock is due soon or breached; `told` keeps the waits already told.
 */
export function slaNotices(cases: readonly AssignmentView[], policyOf: (handleId: string) => SlaPolicy | null, selfId: string, now: number, told: Set<string>, customer: (postId: string) => string): CaseNotice[] {
  const notices: CaseNotice[] = [];
  for (const item of cases) {
    if (item.assigneeId !== selfId || item.status !== 'open' || item.waitingSince === null) continue;
    const policy = policyOf(item.handleId);
    if (!policy) continue;
    let timer: SlaTimer;
    try {
      timer = slaTimer(policy, { waitingSince: item.waitingSince, answeredBefore: item.answered, pauses: item.pauses }, now);
    } catch {
      continue; // a wait the clock cannot measure (a time from the future, a century ago) is told nothing
    }
    if (timer.state !== 'due-soon' && timer.state !== 'breached') continue;
    const wait = `${item.handleId}/${item.postId}/${item.waitingSince}`;
    if (told.has(wait)) continue;
    told.add(wait);
    notices.push({ kind: 'slaDue', handleId: item.handleId, postId: item.postId, text: `${slaLabel(timer, now)}: ${customer(item.postId)}’s case` });
  }
  return notices;
}

export interface CaseNoticesDeps {
  preferences: PreferenceStore;
  domain: DomainEvents;
  /** This desktop's member id (null: not in a team). */
  self(): string | null;
  memberName(memberId: string): string;
  /** "@username" of the post's author, or "A customer". */
  customer(postId: string): string;
  /** A member's open cases as this desktop holds them, and each team handle's SLA (null: none). */
  openCasesOf(memberId: string): readonly AssignmentView[];
  slaPolicy(handleId: string): SlaPolicy | null;
  clock: Clock;
}

export class CaseNotices {
  /** Waits whose SLA notice was given (kept while this desktop runs). */
  private readonly toldSla = new Set<string>();
  private slaTimer: TimerHandle | null = null;

  constructor(private readonly deps: CaseNoticesDeps) {}

  /** Looks at the member's SLA clocks now and every SLA_CHECK_MS until `stop`. */
  watchSla(): void {
    void this.checkSla();
    this.slaTimer = this.deps.clock.setTimeout(() => this.watchSla(), SLA_CHECK_MS);
  }

  stop(): void {
    this.deps.clock.clearTimeout(this.slaTimer);
    this.slaTimer = null;
  }

  async checkSla(): Promise<void> {
    const self = this.deps.self();
    if (!self) return;
    const due = slaNotices(this.deps.openCasesOf(self), (handleId) => this.deps.slaPolicy(handleId), self, this.deps.clock.now(), this.toldSla, (postId) => this.deps.customer(postId));
    for (const notice of due) await this.tell(notice);
  }

  settings(): CaseNotifySettings {
    const saved = caseNotifySettingsSchema.safeParse(this.deps.preferences.get<unknown>(SETTINGS_PREFERENCE));
    return saved.success ? saved.data : DEFAULT_CASE_NOTIFY;
  }

  save(settings: CaseNotifySettings): CaseNotifySettings {
    this.deps.preferences.set(SETTINGS_PREFERENCE, settings);
    return settings;
  }

  async caseChanged(change: CaseChangeSeen): Promise<void> {
    const self = this.deps.self();
    if (!self) return;
    await this.tell(noticeForChange(change, self, { member: (id) => this.deps.memberName(id), customer: (postId) => this.deps.customer(postId) }));
  }

  async noteAdded(note: { handleId: string; postId: string; memberId: string; text: string }): Promise<void> {
    const self = this.deps.self();
    if (!self || note.memberId === self || !mentions(note.text, this.deps.memberName(self))) return;
    await this.tell({ kind: 'mentioned', handleId: note.handleId, postId: note.postId, text: `${this.deps.memberName(note.memberId)} mentioned you in a note: ${note.text.slice(0, 120)}` });
  }

  /** The author of a reply that waited for approval hears the outcome, always: it is their word to the customer. */
  async approvalDecided(decision: { handleId: string; postId: string; authorId: string; approverId: string; approve: boolean; note: string | null }): Promise<void> {
    const self = this.deps.self();
    if (!self || decision.authorId !== self || decision.approverId === self) return;
    const approver = this.deps.memberName(decision.approverId);
    const customer = this.deps.customer(decision.postId);
    const text = decision.approve ? `${approver} approved your reply to ${customer}: it is on its way` : `${approver} rejected your reply to ${customer}${decision.note ? `: ${decision.note}` : ''}`;
    await this.tell({ kind: 'approval', handleId: decision.handleId, postId: decision.postId, text });
  }

  /** The same for a new post the member submitted (the notice opens no case: there is none). */
  async postApprovalDecided(decision: { handleId: string; authorId: string; approverId: string; approve: boolean; note: string | null }): Promise<void> {
    const self = this.deps.self();
    if (!self || decision.authorId !== self || decision.approverId === self) return;
    const approver = this.deps.memberName(decision.approverId);
    const text = decision.approve ? `${approver} approved your new post: it goes out as scheduled` : `${approver} rejected your new post${decision.note ? `: ${decision.note}` : ''}`;
    await this.tell({ kind: 'approval', handleId: decision.handleId, postId: '', text });
  }

  async tell(notice: CaseNotice | null): Promise<void> {
    if (!notice || (notice.kind !== 'approval' && !this.settings()[notice.kind])) return;
    await this.deps.domain.publish({ type: 'caseNotice', notice });
  }
}

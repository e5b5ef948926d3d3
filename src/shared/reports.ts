// A team's reports over a range of time: per brand handle, per agent and per tag, the volume in
// (customer messages) and out (replies sent), first-response and resolution times (median and
// p90), the SLA hit rate of first responses and the backlog (cases open) over time. Pure and
// host-free: the hub gathers each case's history from its log and this module does the counting,
// so a test can script a day of cases on an injected clock and check every figure.
import { z } from 'zod';
import type { CaseStatus } from './hub-protocol';
import { slaTimer, type SlaPolicy } from './sla';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest range a report covers: a quarter. */
export const REPORT_MAX_DAYS = 92;
/** Up to this long a range, the backlog is counted every hour; beyond it, every day. */
export const HOURLY_BACKLOG_UP_TO_MS = 3 * DAY_MS;

const instant = z.number({ error: 'Times must be milliseconds since the epoch' }).int('Times must be whole milliseconds').min(0, 'Times cannot be before 1970');

/** What a report is asked for: [from, to) and, optionally, one handle (else every handle one may report on). */
export const reportRequestSchema = z
  .strictObject({ from: instant, to: instant, handleId: z.string().min(1).max(100).optional() })
  .refine((range) => range.to > range.from, { error: 'A report’s range must end after it starts', path: ['to'] })
  .refine((range) => range.to - range.from <= REPORT_MAX_DAYS * DAY_MS, { error: `A report covers at most ${REPORT_MAX_DAYS} days`, path: ['to'] });
export type ReportRequest = z.output<typeof reportRequestSchema>;

/** One case as the hub's log tells it, up to the end of the range. */
export interface ReportCase {
  handleId: string;
  /** The post that opened it. */
  caseId: string;
  /** When the customer's first message opened it. */
  openedAt: number;
  /** Who has it and its tags as it stands at the end of the range: what its figures are grouped by. */
  assigneeId: string | null;
  tags: readonly string[];
  /** Its status after each change, in order of time (it opens 'open'). */
  statusChanges: readonly { at: number; status: CaseStatus }[];
  /** When each customer message of the case arrived, the opening one included. */
  messagesAt: readonly number[];
  /** The replies X took on the case, with who sent them. */
  replies: readonly { at: number; memberId: string }[];
}

export interface ReportSource {
  from: number;
  to: number;
  /** The handles reported on, with their names and SLA (null: none). */
  handles: readonly { id: string; label: string; sla: SlaPolicy | null }[];
  /** Display names of members, by id. */
  memberNames: ReadonlyMap<string, string>;
  cases: readonly ReportCase[];
}

const durationsSchema = z.object({ count: z.number().int().min(0), medianMs: z.number().nullable(), p90Ms: z.number().nullable() });
const groupSchema = z.object({
  /** Handle id, member id or tag; '' for cases nobody has, or with no tag. */
  key: z.string().max(200),
  label: z.string().max(200),
  volumeIn: z.number().int().min(0),
  volumeOut: z.number().int().min(0),
  firstResponse: durationsSchema,
  resolution: durationsSchema,
  sla: z.object({ met: z.number().int().min(0), missed: z.number().int().min(0), hitRate: z.number().min(0).max(1).nullable() }),
  /** Cases open at each bucket's start. */
  backlog: z.array(z.number().int().min(0)).max(10_000),
});
export const reportSchema = z.object({
  from: z.number(),
  to: z.number(),
  bucketMs: z.number().int().positive(),
  /** The start of each backlog bucket. */
  buckets: z.array(z.number()).max(10_000),
  byHandle: z.array(groupSchema).max(10_000),
  byAgent: z.array(groupSchema).max(10_000),
  byTag: z.array(groupSchema).max(10_000),
});
export type Report = z.output<typeof reportSchema>;
export type ReportGroup = z.output<typeof groupSchema>;
export type Durations = z.output<typeof durationsSchema>;
export type ReportView = 'byHandle' | 'byAgent' | 'byTag';

/** The q-quantile (0..1) of sorted values, interpolated between neighbours (as spreadsheets' PERCENTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const below = sorted[Math.floor(position)]!;
  const above = sorted[Math.ceil(position)]!;
  return below + (above - below) * (position - Math.floor(position));
}

/** How many, and their median and p90 in whole milliseconds. */
export function durationsOf(samples: readonly number[]): Durations {
  const sorted = [...samples].sort((a, b) => a - b);
  const rounded = (value: number | null) => (value === null ? null : Math.round(value));
  return { count: sorted.length, medianMs: rounded(quantile(sorted, 0.5)), p90Ms: rounded(quantile(sorted, 0.9)) };
}

/** The case's status at `at` (changes at that very instant count). */
function statusAt(item: ReportCase, at: number): CaseStatus {
  let status: CaseStatus = 'open';
  for (const change of item.statusChanges) {
    if (change.at > at) break;
    status = change.status;
  }
  return status;
}

/** When the case was resolved for good by the end of the range: the start of its last run of 'resolved'; null when it is not resolved then. */
function resolvedAt(item: ReportCase, to: number): number | null {
  const changes = item.statusChanges.filter((change) => change.at < to);
  let since: number | null = null;
  for (let index = changes.length - 1; index >= 0 && changes[index]!.status === 'resolved'; index -= 1) since = changes[index]!.at;
  return since;
}

/** The first reply X took after the customer's first message. */
function firstReplyOf(item: ReportCase): { at: number; memberId: string } | undefined {
  return item.replies.filter((reply) => reply.at >= item.openedAt).sort((a, b) => a.at - b.at)[0];
}

/** When the SLA clock stood still (pending, snoozed) from the case's opening on. */
function pausesOf(item: ReportCase): { from: number; to: number | null }[] {
  const pauses: { from: number; to: number | null }[] = [];
  let pausedSince: number | null = null;
  for (const change of item.statusChanges) {
    const paused = change.status === 'pending' || change.status === 'snoozed';
    if (paused && pausedSince === null) pausedSince = change.at;
    if (!paused && pausedSince !== null) {
      pauses.push({ from: pausedSince, to: change.at });
      pausedSince = null;
    }
  }
  if (pausedSince !== null) pauses.push({ from: pausedSince, to: null });
  return pauses;
}

/**
 * Whether the first response met the handle's target: met when the first reply came in time
 * (counted when it came), missed once the target passed unanswered (counted when it fell due).
 * Null while it may still be met, or when the case was resolved in time without a reply.
 */
function firstResponseSla(item: ReportCase, policy: SlaPolicy, to: number): { met: boolean; at: number } | null {
  const firstReply = firstReplyOf(item)?.at ?? Infinity;
  const firstResolved = item.statusChanges.find((change) => change.status === 'resolved')?.at ?? Infinity;
  const stoppedAt = Math.min(firstReply, firstResolved, to);
  const pauses = pausesOf(item).map((pause) => ({ from: pause.from, to: pause.to === null || pause.to > stoppedAt ? stoppedAt : pause.to }));
  const timer = slaTimer(policy, { waitingSince: item.openedAt, answeredBefore: false, pauses }, Math.max(stoppedAt, item.openedAt));
  if (timer.state === 'breached') return timer.dueAt === null ? null : { met: false, at: timer.dueAt };
  return firstReply < to ? { met: true, at: firstReply } : null;
}

interface Tally {
  label: string;
  volumeIn: number;
  volumeOut: number;
  firstResponses: number[];
  resolutions: number[];
  met: number;
  missed: number;
  backlog: number[];
}

class Groups {
  private readonly tallies = new Map<string, Tally>();
  constructor(
    private readonly buckets: number,
    private readonly labelOf: (key: string) => string,
  ) {}

  of(key: string): Tally {
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { label: this.labelOf(key), volumeIn: 0, volumeOut: 0, firstResponses: [], resolutions: [], met: 0, missed: 0, backlog: new Array<number>(this.buckets).fill(0) };
      this.tallies.set(key, tally);
    }
    return tally;
  }

  rows(order: (a: ReportGroup, b: ReportGroup) => number): ReportGroup[] {
    return [...this.tallies.entries()]
      .map(([key, tally]) => ({
        key,
        label: tally.label,
        volumeIn: tally.volumeIn,
        volumeOut: tally.volumeOut,
        firstResponse: durationsOf(tally.firstResponses),
        resolution: durationsOf(tally.resolutions),
        sla: { met: tally.met, missed: tally.missed, hitRate: tally.met + tally.missed === 0 ? null : tally.met / (tally.met + tally.missed) },
        backlog: tally.backlog,
      }))
      .sort(order);
  }
}

const byLabel = (a: ReportGroup, b: ReportGroup) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.label.localeCompare(b.label);

/** The report of `source`'s cases over [from, to). */
export function computeReport(source: ReportSource): Report {
  const { from, to } = source;
  const bucketMs = to - from <= HOURLY_BACKLOG_UP_TO_MS ? HOUR_MS : DAY_MS;
  const buckets: number[] = [];
  for (let start = from; start < to; start += bucketMs) buckets.push(start);
  const inRange = (at: number) => at >= from && at < to;

  const handleLabels = new Map(source.handles.map((handle) => [handle.id, handle.label]));
  const policies = new Map(source.handles.map((handle) => [handle.id, handle.sla]));
  const byHandle = new Groups(buckets.length, (key) => handleLabels.get(key) ?? key);
  const byAgent = new Groups(buckets.length, (key) => (key === '' ? 'Unassigned' : (source.memberNames.get(key) ?? 'A former member')));
  const byTag = new Groups(buckets.length, (key) => (key === '' ? 'No tag' : key));
  for (const handle of source.handles) byHandle.of(handle.id);

  for (const item of source.cases) {
    if (!handleLabels.has(item.handleId)) continue;
    const caseGroups = [byHandle.of(item.handleId), byAgent.of(item.assigneeId ?? ''), ...(item.tags.length > 0 ? item.tags : ['']).map((tag) => byTag.of(tag))];
    const replyGroups = (memberId: string) => [caseGroups[0]!, byAgent.of(memberId), ...caseGroups.slice(2)];

    const messagesIn = item.messagesAt.filter(inRange).length;
    for (const reply of item.replies.filter((candidate) => inRange(candidate.at))) for (const tally of replyGroups(reply.memberId)) tally.volumeOut += 1;
    const firstReply = firstReplyOf(item);
    if (firstReply && inRange(firstReply.at)) for (const tally of replyGroups(firstReply.memberId)) tally.firstResponses.push(firstReply.at - item.openedAt);
    const resolved = resolvedAt(item, to);
    const policy = policies.get(item.handleId) ?? null;
    const sla = policy ? firstResponseSla(item, policy, to) : null;
    const openAt = buckets.map((start) => start >= item.openedAt && statusAt(item, start) === 'open');

    for (const tally of caseGroups) {
      tally.volumeIn += messagesIn;
      if (resolved !== null && inRange(resolved)) tally.resolutions.push(resolved - item.openedAt);
      if (sla && inRange(sla.at)) {
        if (sla.met) tally.met += 1;
        else tally.missed += 1;
      }
      openAt.forEach((open, index) => {
        if (open) tally.backlog[index]! += 1;
      });
    }
  }
  return {
    from,
    to,
    bucketMs,
    buckets,
    byHandle: byHandle.rows(byLabel),
    byAgent: byAgent.rows(byLabel),
    byTag: byTag.rows(byLabel),
  };
}

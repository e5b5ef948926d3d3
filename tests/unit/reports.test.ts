// Reports on a scripted day of cases, every time known: volume in and out, first-response and
// resolution times (median and p90), SLA hit rate and the backlog hour by hour, per handle, per
// agent and per tag, as computeReport counts them and as the CSV export writes them.
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/shared/report-csv';
import { computeReport, reportRequestSchema, type ReportCase, type ReportGroup } from '../../src/shared/reports';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../src/shared/sla';

const MIN = 60_000;
/** Wednesday 25 November 2026, hh:mm UTC. */
const at = (time: string, day = 25) => Date.UTC(2026, 10, day, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
const ANA = 'member-ana';
const BEN = 'member-ben';
const oneHourSla: SlaPolicy = { ...DEFAULT_SLA_POLICY, firstResponseMinutes: 60 };

function scripted(id: string, fields: Partial<ReportCase> & Pick<ReportCase, 'openedAt'>): ReportCase {
  return { handleId: 'acmeair', caseId: id, assigneeId: null, tags: [], statusChanges: [], messagesAt: [fields.openedAt], replies: [], ...fields };
}

// The day: A and D answered in time, B late, C never; E (opened the evening before) resolved after midnight; F on a handle without SLA.
const DAY_OF_CASES: ReportCase[] = [
  scripted('A', {
    openedAt: at('09:00'),
    assigneeId: ANA,
    tags: ['refund'],
    messagesAt: [at('09:00'), at('10:00')],
    replies: [{ at: at('09:20'), memberId: ANA }, { at: at('10:30'), memberId: ANA }],
    statusChanges: [{ at: at('09:20'), status: 'pending' }, { at: at('10:00'), status: 'open' }, { at: at('10:30'), status: 'pending' }, { at: at('11:00'), status: 'resolved' }],
  }),
  scripted('B', {
    openedAt: at('09:30'),
    assigneeId: BEN,
    tags: ['refund', 'baggage'],
    replies: [{ at: at('11:00'), memberId: BEN }],
    statusChanges: [{ at: at('11:00'), status: 'pending' }, { at: at('12:00'), status: 'resolved' }],
  }),
  scripted('C', { openedAt: at('10:00') }),
  // Set pending by hand at 13:10 (the SLA clock stops) until the customer wrote again at 14:00; Ben answered at 14:20.
  scripted('D', {
    openedAt: at('13:00'),
    assigneeId: ANA,
    tags: ['baggage'],
    messagesAt: [at('13:00'), at('14:00')],
    replies: [{ at: at('14:20'), memberId: BEN }],
    statusChanges: [{ at: at('13:10'), status: 'pending' }, { at: at('14:00'), status: 'open' }, { at: at('14:20'), status: 'pending' }, { at: at('15:00'), status: 'resolved' }],
  }),
  scripted('E', {
    openedAt: at('22:00', 24),
    replies: [{ at: at('23:00', 24), memberId: BEN }],
    statusChanges: [{ at: at('23:00', 24), status: 'pending' }, { at: at('01:00'), status: 'resolved' }],
  }),
  scripted('F', { handleId: 'nimbus', openedAt: at('16:00'), assigneeId: ANA, replies: [{ at: at('16:05'), memberId: ANA }], statusChanges: [{ at: at('16:05'), status: 'pending' }] }),
];

const report = computeReport({
  from: at('00:00'),
  to: at('00:00', 26),
  handles: [
    { id: 'acmeair', label: '@AcmeAir', sla: oneHourSla },
    { id: 'nimbus', label: '@NimbusMobile', sla: null },
  ],
  memberNames: new Map([
    [ANA, 'Ana Agent'],
    [BEN, 'Ben Agent'],
  ]),
  cases: DAY_OF_CASES,
});

/** Open cases at each hour's start, from a sparse map of hour → count. */
const hourly = (counts: Record<number, number>) => Array.from({ length: 24 }, (_, hour) => counts[hour] ?? 0);
const minutes = (group: ReportGroup | undefined) =>
  group && {
    firstResponse: [group.firstResponse.count, group.firstResponse.medianMs && group.firstResponse.medianMs / MIN, group.firstResponse.p90Ms && group.firstResponse.p90Ms / MIN],
    resolution: [group.resolution.count, group.resolution.medianMs && group.resolution.medianMs / MIN, group.resolution.p90Ms && group.resolution.p90Ms / MIN],
  };

describe('reports on a scripted day', () => {
  it('counts the backlog every hour of the day', () => {
    expect(report.bucketMs).toBe(60 * MIN);
    expect(report.buckets).toHaveLength(24);
    expect(report.buckets[9]).toBe(at('09:00'));
  });

  it('per handle: messages in, replies out, first response and resolution (median, p90), SLA hit rate, backlog', () => {
    const [acme, nimbus] = report.byHandle;
    expect(acme).toMatchObject({ key: 'acmeair', label: '@AcmeAir', volumeIn: 6, volumeOut: 4, sla: { met: 2, missed: 2, hitRate: 0.5 } });
    // First responses 20, 80, 90 min (E's came the day before); resolutions 120, 150, 120 and E's 180.
    expect(minutes(acme)).toEqual({ firstResponse: [3, 80, 88], resolution: [4, 135, 171] });
    expect(acme?.backlog).toEqual(hourly({ 9: 1, 10: 3, 11: 1, 12: 1, 13: 2, 14: 2, 15: 1, 16: 1, 17: 1, 18: 1, 19: 1, 20: 1, 21: 1, 22: 1, 23: 1 }));
    // No SLA on the handle: no hit rate rather than 0 %.
    expect(nimbus).toMatchObject({ key: 'nimbus', label: '@NimbusMobile', volumeIn: 1, volumeOut: 1, sla: { met: 0, missed: 0, hitRate: null }, backlog: hourly({ 16: 1 }) });
    expect(minutes(nimbus)).toEqual({ firstResponse: [1, 5, 5], resolution: [0, null, null] });
  });

  it('per agent: replies and first responses count for who sent them, the rest for who has the case; unassigned last', () => {
    expect(report.byAgent.map((group) => group.label)).toEqual(['Ana Agent', 'Ben Agent', 'Unassigned']);
    const [ana, ben, nobody] = report.byAgent;
    expect(ana).toMatchObject({ key: ANA, volumeIn: 5, volumeOut: 3, sla: { met: 2, missed: 0, hitRate: 1 }, backlog: hourly({ 9: 1, 10: 1, 13: 1, 14: 1, 16: 1 }) });
    expect(minutes(ana)).toEqual({ firstResponse: [2, 12.5, 18.5], resolution: [2, 120, 120] });
    expect(ben).toMatchObject({ key: BEN, volumeIn: 1, volumeOut: 2, sla: { met: 0, missed: 1, hitRate: 0 }, backlog: hourly({ 10: 1 }) });
    expect(minutes(ben)).toEqual({ firstResponse: [2, 85, 89], resolution: [1, 150, 150] });
    expect(nobody).toMatchObject({ key: '', volumeIn: 1, volumeOut: 0, sla: { met: 0, missed: 1, hitRate: 0 } });
    expect(minutes(nobody)).toEqual({ firstResponse: [0, null, null], resolution: [1, 180, 180] });
  });

  it('per tag: a case counts under each of its tags; untagged cases under “No tag”', () => {
    expect(report.byTag.map((group) => group.label)).toEqual(['baggage', 'refund', 'No tag']);
    const [baggage, refund, untagged] = report.byTag;
    expect(baggage).toMatchObject({ volumeIn: 3, volumeOut: 2, sla: { met: 1, missed: 1, hitRate: 0.5 }, backlog: hourly({ 10: 1, 13: 1, 14: 1 }) });
    expect(minutes(baggage)).toEqual({ firstResponse: [2, 85, 89], resolution: [2, 135, 147] });
    expect(refund).toMatchObject({ volumeIn: 3, volumeOut: 3, sla: { met: 1, missed: 1, hitRate: 0.5 }, backlog: hourly({ 9: 1, 10: 2 }) });
    expect(minutes(refund)).toEqual({ firstResponse: [2, 55, 83], resolution: [2, 135, 147] });
    expect(untagged).toMatchObject({ volumeIn: 2, volumeOut: 1, sla: { met: 0, missed: 1, hitRate: 0 } });
    expect(untagged?.backlog).toEqual(hourly({ 10: 1, 11: 1, 12: 1, 13: 1, 14: 1, 15: 1, 16: 2, 17: 1, 18: 1, 19: 1, 20: 1, 21: 1, 22: 1, 23: 1 }));
  });

  it('the SLA counts working time: a Friday-evening message answered first thing Monday is on time', () => {
    const weekdays = { start: '09:00', end: '18:00' };
    const office: SlaPolicy = { ...oneHourSla, businessHours: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays], sat: [], sun: [] } };
    // Friday 27 November 17:30; Monday 30 November 09:20 (50 working minutes), and one answered Monday 10:00 (90).
    const friday = Date.UTC(2026, 10, 27, 17, 30);
    const cases = [
      scripted('early', { openedAt: friday, replies: [{ at: Date.UTC(2026, 10, 30, 9, 20), memberId: ANA }] }),
      scripted('late', { openedAt: friday, replies: [{ at: Date.UTC(2026, 10, 30, 10, 0), memberId: ANA }] }),
    ];
    const weekend = computeReport({ from: Date.UTC(2026, 10, 27), to: Date.UTC(2026, 11, 1), handles: [{ id: 'acmeair', label: '@AcmeAir', sla: office }], memberNames: new Map(), cases });
    expect(weekend.bucketMs).toBe(24 * 60 * MIN);
    expect(weekend.byHandle[0]?.sla).toEqual({ met: 1, missed: 1, hitRate: 0.5 });
  });

  it('exports every group with its figures and backlog as CSV, names that look like formulas made text', () => {
    const file = reportCsv(computeReport({ from: at('00:00'), to: at('00:00', 26), handles: [{ id: 'acmeair', label: '@AcmeAir', sla: oneHourSla }], memberNames: new Map([[ANA, '=HYPERLINK("x")']]), cases: DAY_OF_CASES }), new Date(at('12:00')));
    const lines = file.content.trimEnd().split('\r\n');
    expect(file).toMatchObject({ filename: 'deckhand-report-2026-11-25-to-2026-11-26-2026-11-25.csv', mimeType: 'text/csv' });
    expect(lines[0]).toContain('grouped by,name,messages in,replies out,first responses,first response median (min),first response p90 (min),resolved,');
    expect(lines[0]).toContain('open cases at 2026-11-25T09:00:00.000Z');
    expect(lines[1]).toBe(`handle,'@AcmeAir,6,4,3,80.0,88.0,4,135.0,171.0,2,2,50.0,${hourly({ 9: 1, 10: 3, 11: 1, 12: 1, 13: 2, 14: 2, 15: 1, 16: 1, 17: 1, 18: 1, 19: 1, 20: 1, 21: 1, 22: 1, 23: 1 }).join(',')}`);
    expect(lines[2]?.startsWith(`agent,"'=HYPERLINK(""x"")",`)).toBe(true);
    expect(lines.filter((line) => line.startsWith('tag,')).map((line) => line.split(',')[1])).toEqual(['baggage', 'refund', 'No tag']);
  });

  it('refuses a range that ends before it starts, or spans more than a quarter', () => {
    expect(reportRequestSchema.safeParse({ from: at('12:00'), to: at('09:00') }).error?.issues[0]?.message).toBe('A report’s range must end after it starts');
    expect(reportRequestSchema.safeParse({ from: 0, to: 93 * 86_400_000 }).error?.issues[0]?.message).toBe('A report covers at most 92 days');
    expect(reportRequestSchema.parse({ from: at('00:00'), to: at('00:00', 26), handleId: 'acmeair' })).toEqual({ from: at('00:00'), to: at('00:00', 26), handleId: 'acmeair' });
  });
});

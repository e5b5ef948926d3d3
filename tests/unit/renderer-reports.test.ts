// The Reports view's figures: what each chart plots and what its table says, the durations as
// people read them, and the range of days the pickers choose.
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/shared/reports';
import { formatDuration, rangeOfDays, reportFigures } from '../../src/renderer/src/logic/report-figures';

const MIN = 60_000;
const from = Date.UTC(2026, 10, 25);
const report = computeReport({
  from,
  to: from + 24 * 60 * MIN,
  handles: [{ id: 'acmeair', label: '@AcmeAir', sla: { firstResponseMinutes: 60, nextResponseMinutes: 240, warnBeforeMinutes: 15, timeZone: 'UTC', businessHours: null, holidays: [] } }],
  memberNames: new Map([['ana', 'Ana Agent']]),
  cases: [
    { handleId: 'acmeair', caseId: '1', openedAt: from + 9 * 60 * MIN, assigneeId: 'ana', tags: ['refund'], messagesAt: [from + 9 * 60 * MIN], replies: [{ at: from + 9 * 60 * MIN + 20 * MIN, memberId: 'ana' }], statusChanges: [{ at: from + 9 * 60 * MIN + 20 * MIN, status: 'pending' }, { at: from + 11 * 60 * MIN, status: 'resolved' }] },
  ],
});

describe('the Reports view’s figures', () => {
  it('makes five figures, each with the table of what its chart plots', () => {
    const figures = reportFigures(report, 'byHandle');
    expect(figures.map((figure) => figure.title)).toEqual(['Volume in and out', 'First-response time', 'Resolution time', 'SLA hit rate', 'Backlog over time']);
    const [volume, firstResponse, resolution, sla, backlog] = figures;
    expect(volume).toMatchObject({ categories: ['@AcmeAir'], series: [{ name: 'Messages in', values: [1] }, { name: 'Replies out', values: [1] }], table: { columns: ['Handle', 'Messages in', 'Replies out'], rows: [['@AcmeAir', '1', '1']] } });
    expect(firstResponse).toMatchObject({ series: [{ values: [20] }, { values: [20] }], table: { rows: [['@AcmeAir', '1', '20 min', '20 min']] } });
    expect(resolution?.table.rows).toEqual([['@AcmeAir', '1', '2 h', '2 h']]);
    expect(sla).toMatchObject({ series: [{ values: [100] }], table: { columns: ['Handle', 'Met', 'Missed', 'Hit rate'], rows: [['@AcmeAir', '1', '0', '100 %']] } });
    expect(backlog).toMatchObject({ kind: 'line', series: [{ name: '@AcmeAir' }] });
    expect(backlog?.table.columns).toEqual(['Hour', '@AcmeAir']);
    expect(backlog?.table.rows).toHaveLength(24);
    expect(backlog?.table.rows[9]?.[1]).toBe('1');
  });

  it('groups per agent and per tag on request', () => {
    expect(reportFigures(report, 'byAgent')[0]?.table).toMatchObject({ columns: ['Agent', 'Messages in', 'Replies out'], rows: [['Ana Agent', '1', '1']] });
    expect(reportFigures(report, 'byTag')[0]?.table).toMatchObject({ columns: ['Tag', 'Messages in', 'Replies out'], rows: [['refund', '1', '1']] });
  });

  it('writes durations as people read them', () => {
    expect([formatDuration(null), formatDuration(45_000), formatDuration(12 * MIN), formatDuration(125 * MIN), formatDuration(52 * 60 * MIN)]).toEqual(['—', '45 s', '12 min', '2 h 5 min', '2 d 4 h']);
  });

  it('reads the day pickers as whole local days, the last one included', () => {
    const range = rangeOfDays('2026-11-24', '2026-11-25');
    expect(range && (range.to - range.from) / (60 * MIN)).toBeGreaterThanOrEqual(47);
    expect(range?.from).toBe(new Date(2026, 10, 24).getTime());
    expect(range?.to).toBe(new Date(2026, 10, 26).getTime());
    expect(rangeOfDays('2026-11-25', '2026-11-24')).toBeNull();
    expect(rangeOfDays('yesterday', '2026-11-24')).toBeNull();
  });
});

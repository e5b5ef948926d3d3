// Dates: the From / To days people pick, the instants X and the archive take, and the window a
// dated search column asks X's recent search for (its last 7 days, start_time / end_time).
import { describe, expect, it } from 'vitest';
import { dayRangeProblem, daysOfRange, describeDays, inTimeRange, intersectRanges, rangeOfDays, timeRangeSchema } from '../../src/shared/date-range';
import { RECENT_SEARCH_HINT, recentSearchWindow, searchDaysNote, searchDaysProblem, searchRangeProblem } from '../../src/shared/query-builder';

const at = (iso: string) => Date.parse(iso);

describe('From / To days → a time range', () => {
  it('turns whole local days, both included, into [From midnight, the midnight after To)', () => {
    expect(rangeOfDays({ fromDate: '2026-03-02', toDate: '2026-03-04' }, 'UTC')).toEqual({ start: '2026-03-02T00:00:00.000Z', end: '2026-03-05T00:00:00.000Z' });
    // Berlin is UTC+1 in winter: its midnights are 23:00 UTC the evening before.
    expect(rangeOfDays({ fromDate: '2026-03-02', toDate: '2026-03-02' }, 'Europe/Berlin')).toEqual({ start: '2026-03-01T23:00:00.000Z', end: '2026-03-02T23:00:00.000Z' });
    // The day clocks go forward is 23 hours long; the range still ends at the next local midnight.
    expect(rangeOfDays({ fromDate: '2026-03-29', toDate: '2026-03-29' }, 'Europe/Berlin')).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
  });

  it('leaves an empty day open, and gives no range for no days or days that make none', () => {
    expect(rangeOfDays({ fromDate: '2026-03-02', toDate: '' }, 'UTC')).toEqual({ start: '2026-03-02T00:00:00.000Z', end: null });
    expect(rangeOfDays({ fromDate: '', toDate: '2026-03-02' }, 'UTC')).toEqual({ start: null, end: '2026-03-03T00:00:00.000Z' });
    expect(rangeOfDays({ fromDate: '', toDate: '' }, 'UTC')).toBeNull();
    expect(rangeOfDays({ fromDate: '2026-03-05', toDate: '2026-03-02' }, 'UTC')).toBeNull();
    expect(rangeOfDays({ fromDate: '2026-02-30', toDate: '' }, 'UTC')).toBeNull();
  });

  it('says why days cannot be a range', () => {
    expect(dayRangeProblem({ fromDate: '2026-03-05', toDate: '2026-03-02' })).toBe('The From date is after the To date');
    expect(dayRangeProblem({ fromDate: 'yesterday', toDate: '' })).toMatch(/From date is not a date/);
    expect(dayRangeProblem({ fromDate: '', toDate: '2026-13-01' })).toMatch(/To date is not a date/);
    expect(dayRangeProblem({ fromDate: '2026-03-02', toDate: '2026-03-02' })).toBeNull();
  });

  it('gives the same days back from a range (what a form shows again)', () => {
    const days = { fromDate: '2026-03-02', toDate: '2026-03-04' };
    expect(daysOfRange(rangeOfDays(days, 'America/New_York'), 'America/New_York')).toEqual(days);
    expect(daysOfRange(null)).toEqual({ fromDate: '', toDate: '' });
  });

  it('includes the start and excludes the end', () => {
    const range = { start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' };
    expect(inTimeRange(range, '2026-03-01T23:59:59.999Z')).toBe(false);
    expect(inTimeRange(range, '2026-03-02T00:00:00.000Z')).toBe(true);
    expect(inTimeRange(range, '2026-03-02T23:59:59.999Z')).toBe(true);
    expect(inTimeRange(range, '2026-03-03T00:00:00.000Z')).toBe(false);
    expect(inTimeRange({ start: null, end: range.end }, '2001-01-01T00:00:00Z')).toBe(true);
    expect(inTimeRange(range, 'not a date')).toBe(false);
  });

  it('intersects two ranges: the later start, the earlier end', () => {
    const a = { start: '2026-03-01T00:00:00.000Z', end: '2026-03-10T00:00:00.000Z' };
    const b = { start: '2026-03-05T00:00:00.000Z', end: null };
    expect(intersectRanges(a, b)).toEqual({ start: '2026-03-05T00:00:00.000Z', end: '2026-03-10T00:00:00.000Z' });
    expect(intersectRanges(null, b)).toBe(b);
    expect(intersectRanges(a, null)).toBe(a);
  });

  it('validates ranges that come in over the wire', () => {
    expect(timeRangeSchema.safeParse({ start: '2026-03-01T00:00:00Z', end: null }).success).toBe(true);
    expect(timeRangeSchema.safeParse({ start: null, end: null }).success).toBe(false);
    expect(timeRangeSchema.safeParse({ start: '2026-03-02T00:00:00Z', end: '2026-03-01T00:00:00Z' }).success).toBe(false);
    expect(timeRangeSchema.safeParse({ start: '2 March', end: null }).success).toBe(false);
    expect(timeRangeSchema.safeParse({ start: '2026-03-01T00:00:00Z', end: null, extra: 1 }).success).toBe(false);
  });

  it('describes the days as people read them', () => {
    expect(describeDays({ fromDate: '2026-03-02', toDate: '2026-03-04' }, 'en-GB')).toBe('2 Mar 2026 – 4 Mar 2026');
    expect(describeDays({ fromDate: '2026-03-02', toDate: '2026-03-02' }, 'en-GB')).toBe('on 2 Mar 2026');
    expect(describeDays({ fromDate: '', toDate: '2026-03-04' }, 'en-GB')).toBe('until 4 Mar 2026');
    expect(describeDays({ fromDate: '', toDate: '' })).toBe('');
  });
});

describe("a dated search column and X's 7 days of recent search", () => {
  const today = '2026-03-10';

  it('lets the builder take days within the last 7 and says why not otherwise', () => {
    expect(searchDaysProblem({ fromDate: '2026-03-03', toDate: '2026-03-05' }, today)).toBeNull();
    expect(searchDaysProblem({ fromDate: '2026-03-02', toDate: '' }, today)).toBe(`${RECENT_SEARCH_HINT}: the From date can be 2026-03-03 at the earliest`);
    expect(searchDaysProblem({ fromDate: '', toDate: '2026-03-01' }, today)).toMatch(/^X searches only the last 7 days/);
    expect(searchDaysProblem({ fromDate: '2026-03-11', toDate: '' }, today)).toMatch(/in the future/);
    expect(searchDaysProblem({ fromDate: '2026-03-06', toDate: '2026-03-04' }, today)).toBe('The From date is after the To date');
  });

  it('notes days X has only in part, and a window that has passed', () => {
    expect(searchDaysNote({ fromDate: '2026-03-03', toDate: '' }, today)).toMatch(/first hours of the From date/);
    expect(searchDaysNote({ fromDate: '2026-03-05', toDate: '2026-03-08' }, today)).toMatch(/To date has passed/);
    expect(searchDaysNote({ fromDate: '2026-03-05', toDate: '' }, today)).toBeNull();
  });

  it('the core refuses instants outside X’s reach, with a day of slack for time zones', () => {
    const now = at('2026-03-10T12:00:00Z');
    expect(searchRangeProblem({ start: '2026-03-03T00:00:00Z', end: null }, now)).toBeNull();
    expect(searchRangeProblem({ start: '2026-03-02T11:00:00Z', end: null }, now)).toMatch(/must be within them/);
    expect(searchRangeProblem({ start: '2026-03-11T00:00:00Z', end: null }, now)).toMatch(/in the future/);
    expect(searchRangeProblem({ start: null, end: '2026-03-03T11:00:00Z' }, now)).toMatch(/ended before them/);
  });

  it('asks X for the range itself when it lies inside the 7 days, in whole seconds', () => {
    const now = at('2026-03-10T12:00:00.500Z');
    expect(recentSearchWindow({ start: '2026-03-05T00:00:00.000Z', end: '2026-03-07T00:00:00.000Z' }, now)).toEqual({
      kind: 'search',
      startTime: '2026-03-05T00:00:00Z',
      endTime: '2026-03-07T00:00:00Z',
      final: true,
    });
    expect(recentSearchWindow({ start: '2026-03-09T00:00:00.000Z', end: null }, now)).toEqual({ kind: 'search', startTime: '2026-03-09T00:00:00Z', endTime: null, final: false });
  });

  it('clamps the start to X’s reach and the end to 10 seconds before now (plus margins)', () => {
    const now = at('2026-03-10T12:00:00Z');
    const window = recentSearchWindow({ start: '2026-03-02T23:00:00.000Z', end: '2026-03-11T00:00:00.000Z' }, now);
    // A minute inside the 7 days, and 11 s before now: X refuses anything further out.
    expect(window).toEqual({ kind: 'search', startTime: '2026-03-03T12:01:00Z', endTime: '2026-03-10T11:59:49Z', final: false });
  });

  it('waits for dates that have not begun, and ends dates X no longer has', () => {
    const now = at('2026-03-10T12:00:00Z');
    expect(recentSearchWindow({ start: '2026-03-11T00:00:00.000Z', end: '2026-03-12T00:00:00.000Z' }, now)).toEqual({ kind: 'waiting' });
    expect(recentSearchWindow({ start: '2026-02-01T00:00:00.000Z', end: '2026-02-05T00:00:00.000Z' }, now)).toEqual({ kind: 'ended' });
    expect(recentSearchWindow({ start: null, end: '2026-03-03T12:00:30.000Z' }, now)).toEqual({ kind: 'ended' });
  });
});
